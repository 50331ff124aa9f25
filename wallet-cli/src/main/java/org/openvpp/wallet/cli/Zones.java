package org.openvpp.wallet.cli;

import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Grid zones as users type them: a name, stored on-chain as its keccak256 (NodeRegistry's and the
 * coordinator's convention, so {@code zone-1} means the same zone for a node and a requester), or
 * an explicit {@code 0x} bytes32.
 */
public final class Zones {
  private Zones() {}

  public static byte[] parse(String text) {
    if (text.startsWith("0x")) {
      if (!text.matches("0x([0-9a-fA-F]{2})*")) {
        throw WalletException.usage("malformed zone '" + text + "': 0x must be followed by hex");
      }
      byte[] b = Numeric.hexStringToByteArray(text);
      if (b.length != 32) {
        throw WalletException.usage(
            "malformed zone '"
                + text
                + "': a 0x zone must be 32 bytes (64 hex digits), got "
                + b.length
                + "; give the zone's name or its full bytes32");
      }
      return b;
    }
    if (text.isBlank()) {
      throw WalletException.usage("the zone name is empty");
    }
    return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
  }
}
