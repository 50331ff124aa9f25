package org.openvpp.node.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * Where and how the HTTP API listens.
 *
 * @param host address to bind ({@code 127.0.0.1} by default: the API is for the owner's machine)
 * @param port TCP port ({@code 0} picks a free one; see {@link ApiVerticle#port()})
 * @param dataDir the node's data directory, where the bearer token file lives
 * @param bodyLimitBytes largest request body accepted; larger ones get 413
 * @param readsNeedToken whether reads (GET) need the token too; writes always do
 */
public record ApiConfig(
    String host, int port, Path dataDir, long bodyLimitBytes, boolean readsNeedToken) {

  public static final int DEFAULT_PORT = 8_645;
  public static final long DEFAULT_BODY_LIMIT = 16 * 1024;

  public ApiConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("api port must be 0..65535: " + port);
    }
    if (bodyLimitBytes < 1) {
      throw new IllegalArgumentException("api body limit must be positive: " + bodyLimitBytes);
    }
  }

  /**
   * The defaults for {@code host}: reads are open when the API listens on a loopback address only
   * (whoever can reach it is on the machine), and need the token on any other address.
   */
  public static ApiConfig defaults(String host, int port, Path dataDir) {
    return new ApiConfig(host, port, dataDir, DEFAULT_BODY_LIMIT, !isLoopback(host));
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
