package org.openvpp.wallet.operator;

import java.math.BigInteger;
import java.util.Arrays;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.cli.Zones;
import org.web3j.utils.Numeric;

/**
 * libp2p peer ids and grid zones as operators type them. A peer id is its base58btc text ({@code
 * 12D3KooW…}, {@code 16Uiu2…}) or 0x hex; on-chain it is the multihash bytes. A zone is a name,
 * stored as its keccak256 (NodeRegistry's convention), or an explicit 0x bytes32.
 */
final class PeerIds {
  private static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(58);
  private static final int MAX_LENGTH = 64;

  private PeerIds() {}

  static byte[] parsePeerId(String text) {
    byte[] bytes = text.startsWith("0x") ? hex(text) : base58(text);
    // A multihash: code 0x00 (identity) or 0x12 (sha2-256), then the digest length, then it.
    boolean multihash =
        bytes.length >= 2
            && (bytes[0] == 0x00 || bytes[0] == 0x12)
            && (bytes[1] & 0xff) == bytes.length - 2;
    if (!multihash || bytes.length > MAX_LENGTH) {
      throw WalletException.usage(
          "malformed peer id '"
              + text
              + "': give the node's libp2p peer id (12D3KooW… or 16Uiu2…, as the node prints it)");
    }
    return bytes;
  }

  static String formatPeerId(byte[] bytes) {
    BigInteger n = new BigInteger(1, bytes);
    StringBuilder b = new StringBuilder();
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(BASE);
      b.append(ALPHABET.charAt(qr[1].intValue()));
      n = qr[0];
    }
    for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
      b.append('1');
    }
    return b.reverse().toString();
  }

  /** A zone as {@code node stake --zone} takes it; see {@link Zones#parse}. */
  static byte[] zone(String text) {
    return Zones.parse(text);
  }

  private static byte[] hex(String text) {
    if (!text.matches("0x([0-9a-fA-F]{2})+")) {
      throw WalletException.usage("malformed hex '" + text + "'");
    }
    return Numeric.hexStringToByteArray(text);
  }

  private static byte[] base58(String text) {
    BigInteger n = BigInteger.ZERO;
    for (char c : text.toCharArray()) {
      int digit = ALPHABET.indexOf(c);
      if (digit < 0) {
        throw WalletException.usage(
            "malformed peer id '" + text + "': '" + c + "' is not a base58 character");
      }
      n = n.multiply(BASE).add(BigInteger.valueOf(digit));
    }
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == '1') {
      zeros++;
    }
    byte[] body = n.signum() == 0 ? new byte[0] : n.toByteArray();
    if (body.length > 0 && body[0] == 0) {
      body = Arrays.copyOfRange(body, 1, body.length);
    }
    byte[] out = new byte[zeros + body.length];
    System.arraycopy(body, 0, out, zeros, body.length);
    return out;
  }
}
