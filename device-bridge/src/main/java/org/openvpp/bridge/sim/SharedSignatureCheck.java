package org.openvpp.bridge.sim;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.openvpp.contracts.eip712.Signatures;

/**
 * Recovers the signer of a group command's digest. A simulator that runs many devices in one
 * process may share one recovery of identical bytes between them ({@link #shared()}); a real device
 * verifies on its own CPU, so figures measured with sharing say so and the per-device cost is
 * reported apart ({@link #recoveries()} counts the recoveries actually made).
 */
public final class SharedSignatureCheck {
  private final boolean share;
  private final AtomicReference<Entry> last = new AtomicReference<>();
  private final AtomicLong recoveries = new AtomicLong();

  private SharedSignatureCheck(boolean share) {
    this.share = share;
  }

  /** Every device recovers on its own, as on real hardware. */
  public static SharedSignatureCheck none() {
    return new SharedSignatureCheck(false);
  }

  /** Devices of one simulator process share the recovery of the last group command seen. */
  public static SharedSignatureCheck shared() {
    return new SharedSignatureCheck(true);
  }

  Optional<String> signer(byte[] digest, byte[] signature) {
    Entry e = last.get();
    if (share
        && e != null
        && Arrays.equals(e.digest, digest)
        && Arrays.equals(e.signature, signature)) {
      return e.signer;
    }
    recoveries.incrementAndGet();
    Optional<String> signer = Signatures.recoverAddress(digest, signature);
    if (share) {
      last.set(new Entry(digest.clone(), signature.clone(), signer));
    }
    return signer;
  }

  /** Recoveries actually made (the device-side verification cost paid in this process). */
  public long recoveries() {
    return recoveries.get();
  }

  private record Entry(byte[] digest, byte[] signature, Optional<String> signer) {}
}
