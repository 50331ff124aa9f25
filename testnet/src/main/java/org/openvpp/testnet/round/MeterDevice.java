package org.openvpp.testnet.round;

import java.math.BigInteger;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.MeterTypedData;
import org.openvpp.contracts.generated.FraudProofs;
import org.web3j.crypto.Credentials;

/**
 * A simulated metered device: its own key signs every reading, and its cumulative import/export
 * registers and sequence only ever grow, across any number of windows, as a real meter's do.
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

  /** A reading and the device's signature over its EIP-712 digest. */
  public record Signed(MeterReading reading, byte[] digest, byte[] signature) {
    public FraudProofs.SignedReading toContract() {
      MeterReading r = reading;
      return new FraudProofs.SignedReading(
          new FraudProofs.MeterReading(
              r.device(),
              BigInteger.valueOf(r.sequence()),
              BigInteger.valueOf(r.timestampMs()),
              BigInteger.valueOf(r.importWh()),
              BigInteger.valueOf(r.exportWh()),
              BigInteger.valueOf(r.powerW()),
              BigInteger.valueOf(r.socPermille())),
          signature);
    }
  }

  /** What the device did in one window: its first and last signed readings and the baseline. */
  public record Window(
      MeterDevice device, Signed first, Signed last, long baselineWh, Direction direction) {}

  /**
   * Meters a window [startMs, endMs] in which the device moved {@code baselineWh + deliveredWh} in
   * the requested direction (the baseline is what it would have moved anyway), and signs the
   * readings at the two edges. Nothing stops a caller from claiming more than the rated power
   * allows: the gas harness needs such a dishonest window to prove fraud.
   */
  public synchronized Window deliver(
      MeterTypedData meter,
      long startMs,
      long endMs,
      Direction direction,
      long baselineWh,
      long deliveredWh) {
    if (endMs <= startMs || baselineWh < 0 || deliveredWh < 0) {
      throw new IllegalArgumentException("need startMs < endMs and non-negative energies");
    }
    Signed first = sign(meter, startMs, 0);
    long moved = baselineWh + deliveredWh;
    if (direction == Direction.UP) {
      exportWh += moved;
    } else {
      importWh += moved;
    }
    // Average power over the window, positive = export, as the device protocol defines it.
    long powerW = Math.multiplyExact(moved, 3_600_000L) / (endMs - startMs);
    Signed last = sign(meter, endMs, direction == Direction.UP ? powerW : -powerW);
    return new Window(this, first, last, baselineWh, direction);
  }

  private Signed sign(MeterTypedData meter, long timestampMs, long powerW) {
    sequence += 1;
    // Simulated meters carry no storage model, so socPermille is 0 as for devices without one.
    MeterReading r =
        new MeterReading(address(), sequence, timestampMs, importWh, exportWh, powerW, 0);
    byte[] digest = meter.digest(r);
    return new Signed(r, digest, Signatures.sign(digest, key.getEcKeyPair()));
  }
}
