package org.openvpp.bridge.protocol;

import java.util.Arrays;
import java.util.Objects;
import org.openvpp.contracts.evidence.MeterReading;

/**
 * A meter reading with the device's signature over its EIP-712 digest.
 *
 * @param reading the signed content
 * @param signatureType how the signature is made; only {@link SignatureType#SECP256K1} today
 * @param signature 65 bytes r ‖ s ‖ v (v = 27 or 28)
 */
public record SignedReading(MeterReading reading, SignatureType signatureType, byte[] signature) {

  public SignedReading {
    Objects.requireNonNull(reading, "reading");
    Objects.requireNonNull(signatureType, "signatureType");
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedReading other
        && reading.equals(other.reading)
        && signatureType == other.signatureType
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return 31 * reading.hashCode() + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SignedReading[" + reading + "]";
  }
}
