package org.openvpp.bridge.protocol;

import java.util.Optional;
import org.openvpp.bridge.crypto.NativeSigning;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.evidence.MeterReading;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/** Signs protocol messages with one secp256k1 key (a device key or the node key). */
public final class Signer {
  private final TypedData typedData;
  private final ECKeyPair key;
  private final String address;
  private final Optional<NativeSigning> nativeSigning;

  /** A signer on the pure-Java path (devices, tests). */
  public Signer(TypedData typedData, ECKeyPair key) {
    this(typedData, key, false);
  }

  /**
   * @param preferNative sign through libsecp256k1 when it loads and gives the same bytes (the
   *     node's dispatch fan-out)
   */
  public Signer(TypedData typedData, ECKeyPair key, boolean preferNative) {
    this.typedData = typedData;
    this.key = key;
    this.address = Numeric.prependHexPrefix(Keys.getAddress(key.getPublicKey()));
    this.nativeSigning = preferNative ? NativeSigning.forKey(key) : Optional.empty();
  }

  private byte[] signDigest(byte[] digest) {
    return nativeSigning.isPresent()
        ? nativeSigning.get().sign(digest)
        : Signatures.sign(digest, key);
  }

  /** The key's address, lower-case 0x hex. */
  public String address() {
    return address;
  }

  public SignedReading sign(MeterReading reading) {
    return new SignedReading(
        reading, SignatureType.SECP256K1, signDigest(typedData.digest(reading)));
  }

  public SignedCommand sign(DispatchCommand command) {
    return new SignedCommand(command, signDigest(typedData.digest(command)));
  }

  public SignedGroupCommand sign(GroupCommand command) {
    return new SignedGroupCommand(command, signDigest(typedData.digest(command)));
  }

  public SignedHeartbeat sign(Heartbeat heartbeat) {
    return new SignedHeartbeat(heartbeat, signDigest(typedData.digest(heartbeat)));
  }
}
