package org.openvpp.node.p2p.crypto;

/** A libp2p public key: verifies signatures and has a canonical protobuf encoding. */
public interface PublicKey {
  KeyType type();

  /** The key-type specific bytes (the protobuf {@code Data} field). */
  byte[] raw();

  /** False on any malformed or wrong signature; never throws for peer input. */
  boolean verify(byte[] message, byte[] signature);

  /** The canonical protobuf {@code PublicKey} message. */
  default byte[] marshal() {
    return KeyCodec.encode(type(), raw());
  }
}
