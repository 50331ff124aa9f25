package org.openvpp.testnet.round;

import org.openvpp.contracts.evidence.DeviceWindow;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.MeterTypedData;
import org.openvpp.contracts.evidence.SignedMeterReading;
import org.web3j.crypto.Credentials;

/**
 * A simulated metered device: its own key signs every reading, and its cumulative import/export
 * registers and sequence only ever grow, across any number of windows, as a real meter's do. A
 * metered window is the {@link DeviceWindow} the node's evidence is built from.
 */
public final class MeterDevice {
  private final Credentials key;
  private final String owner;
  private final long ratedPowerW;
  private long sequence;
  private long importWh;
  private long exportWh;

  public MeterDevice(Credentials key, String owner, long ratedPowerW) {
    this.key = key;
    this.owner = owner.toLowerCase(java.util.Locale.ROOT);
    this.ratedPowerW = ratedPowerW;
  }

  public Credentials key() {
    return key;
  }

  public String address() {
    return key.getAddress();
  }

  public String owner() {
    return owner;
  }

  public long ratedPowerW() {
    return ratedPowerW;
  }

  /**
   * Meters a window [startMs, endMs] in which the device moved {@code baselineWh + deliveredWh} in
   * the requested direction (the baseline is what it would have moved anyway), and signs the
   * readings at the two edges. Nothing stops a caller from claiming more than the rated power
   * allows: the gas harness needs such a dishonest window to prove fraud.
   */
  public synchronized DeviceWindow deliver(
      MeterTypedData meter,
      long startMs,
      long endMs,
      Direction direction,
      long baselineWh,
      long deliveredWh) {
    if (endMs <= startMs || baselineWh < 0 || deliveredWh < 0) {
      throw new IllegalArgumentException("need startMs < endMs and non-negative energies");
    }
    SignedMeterReading first = sign(meter, startMs, 0);
    long moved = baselineWh + deliveredWh;
    if (direction == Direction.UP) {
      exportWh += moved;
    } else {
      importWh += moved;
    }
    // Average power over the window, positive = export, as the device protocol defines it.
    long powerW = Math.multiplyExact(moved, 3_600_000L) / (endMs - startMs);
    SignedMeterReading last = sign(meter, endMs, direction == Direction.UP ? powerW : -powerW);
    return new DeviceWindow(owner, first, last, baselineWh, direction);
  }

  private SignedMeterReading sign(MeterTypedData meter, long timestampMs, long powerW) {
    sequence += 1;
    // Simulated meters carry no storage model, so socPermille is 0 as for devices without one.
    MeterReading r =
        new MeterReading(address(), sequence, timestampMs, importWh, exportWh, powerW, 0);
    return SignedMeterReading.sign(meter, r, key.getEcKeyPair());
  }
}
