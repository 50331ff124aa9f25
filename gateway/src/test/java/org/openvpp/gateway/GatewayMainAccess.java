package org.openvpp.gateway;

import java.time.Clock;
import java.util.Map;

/** Lets tests in adapter packages start the gateway through its own start path. */
public final class GatewayMainAccess {
  private GatewayMainAccess() {}

  public static Gateway start(Map<String, String> props, Map<String, String> env, Clock clock) {
    return GatewayMain.start(props, env, clock);
  }
}
