package org.openvpp.node.p2p.net;

import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;

/**
 * The TCP socket options of every libp2p connection, in one place so the throughput benchmark's
 * raw-TCP baseline uses exactly the same ones (a like-for-like comparison).
 */
public final class TcpSocketOptions {
  private TcpSocketOptions() {}

  /** Options for dialing: small protocol messages (multistream, pings) must not wait for Nagle. */
  public static NetClientOptions client() {
    return new NetClientOptions().setTcpNoDelay(true);
  }

  /** Options for listening; the caller sets host and port. */
  public static NetServerOptions server() {
    return new NetServerOptions().setTcpNoDelay(true);
  }
}
