package org.openvpp.node.p2p.multiaddr;

import java.util.Optional;

/** The multiaddr protocols this host understands, with their multicodec numbers. */
public enum Protocol {
  IP4(4, "ip4"),
  TCP(6, "tcp"),
  IP6(41, "ip6"),
  DNS(53, "dns"),
  DNS4(54, "dns4"),
  DNS6(55, "dns6"),
  P2P(421, "p2p");

  private final int code;
  private final String label;

  Protocol(int code, String label) {
    this.code = code;
    this.label = label;
  }

  public int code() {
    return code;
  }

  public String label() {
    return label;
  }

  public static Optional<Protocol> byCode(long code) {
    for (Protocol p : values()) {
      if (p.code == code) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  public static Optional<Protocol> byLabel(String label) {
    String l = "ipfs".equals(label) ? "p2p" : label;
    for (Protocol p : values()) {
      if (p.label.equals(l)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
