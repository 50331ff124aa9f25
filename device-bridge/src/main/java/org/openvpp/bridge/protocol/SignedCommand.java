package org.openvpp.bridge.protocol;

/** A dispatch command with the node's 65-byte signature. */
public record SignedCommand(DispatchCommand command, byte[] signature) {
  public SignedCommand {
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }
}
