package org.openvpp.contracts.evidence;

import java.util.Arrays;
import java.util.Objects;
import org.openvpp.contracts.eip712.Signatures;
import org.web3j.crypto.ECKeyPair;

/**
 * A meter reading with the device's secp256k1 signature (65 bytes r ‖ s ‖ v) over its "OpenVPP
 * Meter" digest: what a node stores, serves to attestors and hands FraudProofs in a challenge.
 */
public record SignedMeterReading(MeterReading reading, byte[] signature) {

  public SignedMeterReading {
    Objects.requireNonNull(reading, "reading");
    if (signature == null || signature.length != 65) {
      throw new IllegalArgumentException("a signature is 65 bytes r ‖ s ‖ v");
    }
    signature = signature.clone();
  }

  /** The device key signs {@code reading} in {@code meter}'s domain. */
  public static SignedMeterReading sign(MeterTypedData meter, MeterReading reading, ECKeyPair key) {
    return new SignedMeterReading(reading, Signatures.sign(meter.digest(reading), key));
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  public String device() {
    return reading.device();
  }

  public byte[] digest(MeterTypedData meter) {
    return meter.digest(reading);
  }

  /** Whether the signature recovers to the reading's own device, as FraudProofs requires. */
  public boolean signedByDevice(MeterTypedData meter) {
    return Signatures.recoverAddress(digest(meter), signature)
        .map(reading.device()::equalsIgnoreCase)
        .orElse(false);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedMeterReading other
        && reading.equals(other.reading)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return 31 * reading.hashCode() + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SignedMeterReading[" + reading + "]";
  }
}
