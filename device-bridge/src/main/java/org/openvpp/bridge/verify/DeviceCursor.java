package org.openvpp.bridge.verify;

import org.openvpp.contracts.evidence.MeterReading;

/** The last accepted reading's counters of one device: what the next reading must exceed. */
public record DeviceCursor(long sequence, long timestampMs, long importWh, long exportWh) {
  public static DeviceCursor of(MeterReading r) {
    return new DeviceCursor(r.sequence(), r.timestampMs(), r.importWh(), r.exportWh());
  }
}
