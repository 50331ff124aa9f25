package org.openvpp.node.p2p;

/** The gossip topics the node uses. */
public final class Topics {
  /** Flexibility requests, relayed for speed ahead of the chain event. */
  public static final String FLEXIBILITY_REQUESTS = "/vpp/1/requests";

  /** Announcements of evidence roots that peers can fetch over {@code /vpp/evidence/1.0.0}. */
  public static final String EVIDENCE = "/vpp/1/evidence";

  /** Signed attestations of other nodes' evidence. */
  public static final String ATTESTATIONS = "/vpp/1/attestations";

  private Topics() {}
}
