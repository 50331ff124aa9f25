package org.openvpp.contracts.evidence;

import org.openvpp.contracts.eip712.AbiWords;

/**
 * The content a device signs for every meter reading (EIP-712 type {@code MeterReading}, normative
 * in docs/device-protocol.md; verified on-chain by Settlement).
 *
 * @param device the device's Ethereum address, lower-case 0x hex
 * @param sequence strictly increasing per device, from 1 (uint64, at most 2^63-1 here)
 * @param timestampMs UTC milliseconds since the Unix epoch at which the reading was taken
 * @param importWh cumulative energy imported by the device (from the grid), Wh, never decreases
 * @param exportWh cumulative energy exported by the device (to the grid), Wh, never decreases
 * @param powerW instantaneous active power, W, positive = export / discharge
 * @param socPermille state of charge in ‰ (0–1000); 0 for devices without storage
 */
public record MeterReading(
    String device,
    long sequence,
    long timestampMs,
    long importWh,
    long exportWh,
    long powerW,
    int socPermille) {

  public MeterReading {
    device = AbiWords.checkAddress(device);
    if (sequence < 0 || timestampMs < 0 || importWh < 0 || exportWh < 0) {
      throw new IllegalArgumentException("uint64 fields must not be negative");
    }
    if (socPermille < 0 || socPermille > 1000) {
      throw new IllegalArgumentException("socPermille must be 0..1000: " + socPermille);
    }
  }
}
