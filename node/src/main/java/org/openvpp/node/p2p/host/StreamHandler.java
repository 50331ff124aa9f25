package org.openvpp.node.p2p.host;

import org.openvpp.node.p2p.yamux.YamuxStream;

/** Serves one protocol on inbound streams whose negotiation selected it. */
@FunctionalInterface
public interface StreamHandler {
  void handle(Connection connection, YamuxStream stream);
}
