package org.openvpp.gateway.adapter;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One protocol adapter serving one or more devices, each named by a local id from the adapter's
 * config section (for example {@code battery-1} for a SunSpec unit or a charge point id for OCPP).
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #start} returns quickly; the adapter polls or listens on its own threads and reports
 *       every measurement, connection change and failure to the {@link AdapterSink}. It never
 *       throws into the sink's caller for a device's bad data: it counts a {@link FailureReason}
 *       and reports nothing for that sample.
 *   <li>Measurements are what the device said, converted to the protocol's units and signs (W, + =
 *       export / discharge; Wh; ‰): never invented. A value the device does not implement is
 *       absent, not zero.
 *   <li>{@link #apply} writes a setpoint to the device and completes when the device accepted it
 *       (or failed, with a reason). It is called from the gateway's per-device thread and must not
 *       block it: do the I/O on the adapter's own threads.
 *   <li>Only local ids from {@link #localIds} are ever reported or addressed; a device that shows
 *       up unannounced (an unknown charger) is refused by the adapter and counted as {@link
 *       FailureReason#UNKNOWN_DEVICE}.
 * </ul>
 */
public interface DeviceAdapter extends AutoCloseable {
  /** Short protocol name for logs, metrics and config: {@code sunspec}, {@code ocpp}. */
  String protocol();

  /** The devices this adapter serves, fixed by its configuration. */
  Set<String> localIds();

  /** Starts talking to the devices; measurements and events go to {@code sink}. */
  void start(AdapterSink sink);

  /** Writes a setpoint (or releases the device to its own behaviour). */
  CompletionStage<SetpointResult> apply(Setpoint setpoint);

  /** The current connection state of one device. */
  ConnectionState connectionState(String localId);

  /** Failures counted so far, per device and reason. */
  FailureCounts failures();

  /** Stops polling/listening and closes connections; idempotent. */
  @Override
  void close();
}
