package org.openvpp.node.chain;

import org.openvpp.bridge.directory.DeviceRevocations;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.generated.DeviceRegistry.DeviceRevokedEventResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes confirmed {@code DeviceRevoked} events to the bridge's device directory at once, and their
 * undoing after a reorganization. Both are idempotent, as the follower's contract asks.
 */
public final class DeviceRevocationListener implements ChainListener<DeviceRevokedEventResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceRevocationListener.class);

  private final DeviceRevocations directory;

  public DeviceRevocationListener(DeviceRevocations directory) {
    this.directory = directory;
  }

  /** The subscription for a DeviceRegistry at {@code registry}. */
  public static Subscription<DeviceRevokedEventResponse> subscription(
      String registry, DeviceRevocations directory) {
    return new Subscription<>(
        registry,
        DeviceRegistry.DEVICEREVOKED_EVENT,
        DeviceRegistry::getDeviceRevokedEventFromLog,
        new DeviceRevocationListener(directory));
  }

  @Override
  public void apply(DeviceRevokedEventResponse event, EventContext context) {
    LOG.info("device {} revoked in block {}", event.device, context.blockNumber());
    directory.revoked(event.device);
  }

  @Override
  public void undo(DeviceRevokedEventResponse event, EventContext context) {
    LOG.info("revocation of device {} undone by a reorganization", event.device);
    directory.revocationUndone(event.device);
  }
}
