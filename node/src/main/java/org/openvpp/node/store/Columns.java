package org.openvpp.node.store;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The column conventions of the node's tables, in one place: bytes and addresses as lowercase hex
 * with {@code 0x}, uint256 amounts as decimal text. The migrations check the same shapes, so a
 * value that slips past these methods is still refused by the database.
 */
public final class Columns {
  public static final BigInteger UINT256_MAX =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  private static final HexFormat HEX = HexFormat.of();

  private Columns() {}

  /** {@code 0x} + lowercase hex of {@code bytes}. */
  public static String hex(byte[] bytes) {
    return "0x" + HEX.formatHex(bytes);
  }

  /** The bytes of a {@link #hex} column value. */
  public static byte[] bytes(String column) {
    if (column == null
        || !column.startsWith("0x")
        || !column.equals(column.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("not a lowercase 0x hex column value: " + column);
    }
    return HEX.parseHex(column, 2, column.length());
  }

  /** An address as stored: {@code 0x} + 40 lowercase hex digits (checksum case is dropped). */
  public static String address(String address) {
    String lower = address == null ? "" : address.toLowerCase(Locale.ROOT);
    if (lower.length() != 42 || !lower.startsWith("0x") || !isHex(lower.substring(2))) {
      throw new IllegalArgumentException("not an address: " + address);
    }
    return lower;
  }

  /** A uint256 as decimal text. */
  public static String amount(BigInteger value) {
    if (value.signum() < 0 || value.compareTo(UINT256_MAX) > 0) {
      throw new IllegalArgumentException("not a uint256: " + value);
    }
    return value.toString();
  }

  /** The uint256 of an {@link #amount} column value. */
  public static BigInteger amountOf(String column) {
    if (column == null
        || column.isEmpty()
        || column.length() > 78
        || !column.chars().allMatch(c -> c >= '0' && c <= '9')
        || (column.length() > 1 && column.charAt(0) == '0')) {
      throw new IllegalArgumentException("not a decimal uint256 column value: " + column);
    }
    return amountChecked(new BigInteger(column));
  }

  private static BigInteger amountChecked(BigInteger value) {
    amount(value);
    return value;
  }

  private static boolean isHex(String s) {
    return s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }
}
