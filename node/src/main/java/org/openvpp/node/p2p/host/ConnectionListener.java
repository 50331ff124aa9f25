package org.openvpp.node.p2p.host;

/** Told about connections as they open and close (on the host's event loop). */
public interface ConnectionListener {
  void onConnected(Connection connection);

  void onDisconnected(Connection connection);
}
