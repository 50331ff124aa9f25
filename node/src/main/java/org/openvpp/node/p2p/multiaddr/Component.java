package org.openvpp.node.p2p.multiaddr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.openvpp.node.p2p.crypto.PeerId;

/** One protocol/value pair of a multiaddr; {@code value} is the binary form. */
public record Component(Protocol protocol, byte[] value) {
  public Component {
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** Text form of the value, e.g. "127.0.0.1", "4001", "12D3Koo…". */
  public String valueText() {
    return switch (protocol) {
      case IP4, IP6 -> ipText();
      case TCP -> Integer.toString(((value[0] & 0xFF) << 8) | (value[1] & 0xFF));
      case DNS, DNS4, DNS6 -> new String(value, StandardCharsets.UTF_8);
      case P2P -> PeerId.fromBytes(value).map(PeerId::toBase58).orElse("?");
    };
  }

  private String ipText() {
    if (protocol == Protocol.IP4) {
      return (value[0] & 0xFF)
          + "."
          + (value[1] & 0xFF)
          + "."
          + (value[2] & 0xFF)
          + "."
          + (value[3] & 0xFF);
    }
    return ipv6Text(value);
  }

  /** RFC 5952 text: lower-case hex, longest run (two or more) of zero groups as "::". */
  private static String ipv6Text(byte[] b) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; i++) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = Math.max(i, j);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Component c && c.protocol == protocol && Arrays.equals(c.value, value);
  }

  @Override
  public int hashCode() {
    return 31 * protocol.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "/" + protocol.label() + "/" + valueText();
  }
}
