package org.openvpp.gateway.adapter;

import java.util.OptionalLong;

/**
 * A setpoint for one device, from a verified dispatch command (the gateway checked the node's
 * signature, the heartbeat and the validity window before it gets here).
 *
 * @param localId the device's id in the adapter's config
 * @param commandId the dispatch command's id, for logs and acknowledgements
 * @param targetPowerW W, + = export / discharge, already clamped to the last reported envelope;
 *     empty to release the device to its owner's normal behaviour
 * @param validUntilMs UTC ms after which the device should revert by itself if the gateway goes
 *     silent (SunSpec revert timeouts, OCPP profile validTo); 0 with a release
 */
public record Setpoint(
    String localId, long commandId, OptionalLong targetPowerW, long validUntilMs) {

  public static Setpoint release(String localId, long commandId) {
    return new Setpoint(localId, commandId, OptionalLong.empty(), 0);
  }

  public boolean isRelease() {
    return targetPowerW.isEmpty();
  }
}
