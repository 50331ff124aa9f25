package org.openvpp.bridge.protocol;

/** A group command with the node's 65-byte signature. */
public record SignedGroupCommand(GroupCommand command, byte[] signature) {
  public SignedGroupCommand {
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }
}
