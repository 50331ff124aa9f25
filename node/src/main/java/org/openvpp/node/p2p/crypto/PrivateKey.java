package org.openvpp.node.p2p.crypto;

/** A libp2p private key (identity key of a host). */
public interface PrivateKey {
  KeyType type();

  /** The key-type specific bytes (the protobuf {@code Data} field). */
  byte[] raw();

  byte[] sign(byte[] message);

  PublicKey publicKey();

  /** The canonical protobuf {@code PrivateKey} message (same layout as the public one). */
  default byte[] marshal() {
    return KeyCodec.encode(type(), raw());
  }
}
