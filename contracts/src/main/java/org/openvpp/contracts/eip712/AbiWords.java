package org.openvpp.contracts.eip712;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.web3j.utils.Numeric;

/** 32-byte ABI words for static types, with range checks so bad values fail loudly. */
public final class AbiWords {
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  private AbiWords() {}

  /** Returns the address lower-cased, or throws if it is not 0x followed by 40 hex digits. */
  public static String checkAddress(String address) {
    if (address == null || !ADDRESS.matcher(address).matches()) {
      throw new IllegalArgumentException("not an address: " + address);
    }
    return address.toLowerCase(java.util.Locale.ROOT);
  }

  public static byte[] address(String address) {
    byte[] raw = Numeric.hexStringToByteArray(checkAddress(address));
    byte[] word = new byte[32];
    System.arraycopy(raw, 0, word, 12, 20);
    return word;
  }

  public static byte[] uint256(BigInteger value) {
    if (value.signum() < 0 || value.compareTo(TWO_256) >= 0) {
      throw new IllegalArgumentException("uint256 out of range: " + value);
    }
    return Numeric.toBytesPadded(value, 32);
  }

  public static byte[] uint256(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("uint out of range: " + value);
    }
    return int256(value);
  }

  /** Two's complement, sign-extended to 32 bytes (Solidity intN encoding). */
  public static byte[] int256(long value) {
    byte[] word = new byte[32];
    Arrays.fill(word, 0, 24, value < 0 ? (byte) 0xff : 0);
    for (int i = 0; i < 8; i++) {
      word[31 - i] = (byte) (value >>> (8 * i));
    }
    return word;
  }

  public static byte[] bytes32(byte[] value) {
    if (value.length != 32) {
      throw new IllegalArgumentException("bytes32 needs 32 bytes, got " + value.length);
    }
    return value.clone();
  }
}
