package org.openvpp.bridge.protocol;

/** A heartbeat with the node's 65-byte signature. */
public record SignedHeartbeat(Heartbeat heartbeat, byte[] signature) {
  public SignedHeartbeat {
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }
}
