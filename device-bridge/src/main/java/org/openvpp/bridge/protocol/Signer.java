package org.openvpp.bridge.protocol;

import org.openvpp.contracts.eip712.Signatures;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/** Signs protocol messages with one secp256k1 key (a device key or the node key). */
public final class Signer {
  private final TypedData typedData;
  private final ECKeyPair key;
  private final String address;

  public Signer(TypedData typedData, ECKeyPair key) {
    this.typedData = typedData;
    this.key = key;
    this.address = Numeric.prependHexPrefix(Keys.getAddress(key.getPublicKey()));
  }

  /** The key's address, lower-case 0x hex. */
  public String address() {
    return address;
  }

  public SignedReading sign(MeterReading reading) {
    return new SignedReading(
        reading, SignatureType.SECP256K1, Signatures.sign(typedData.digest(reading), key));
  }

  public SignedCommand sign(DispatchCommand command) {
    return new SignedCommand(command, Signatures.sign(typedData.digest(command), key));
  }

  public SignedHeartbeat sign(Heartbeat heartbeat) {
    return new SignedHeartbeat(heartbeat, Signatures.sign(typedData.digest(heartbeat), key));
  }
}
