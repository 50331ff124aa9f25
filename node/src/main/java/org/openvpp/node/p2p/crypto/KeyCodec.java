package org.openvpp.node.p2p.crypto;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The libp2p {@code PublicKey}/{@code PrivateKey} protobuf messages ({@code Type = 1}, {@code Data
 * = 2}), written canonically so that peer ids derived from them match every other implementation.
 */
public final class KeyCodec {
  private KeyCodec() {}

  /** A decoded key message: its type number (maybe unknown to us) and data. */
  public record KeyMessage(int typeNumber, byte[] data) {}

  static byte[] encode(KeyType type, byte[] data) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length + 6);
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeEnum(1, type.number());
      out.writeByteArray(2, data);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a key message; empty when it is not well-formed protobuf or lacks a field. */
  public static Optional<KeyMessage> decode(byte[] message) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(message);
      Integer type = null;
      byte[] data = null;
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag) {
          case 8 -> type = in.readEnum();
          case 18 -> data = in.readByteArray();
          default -> in.skipField(tag);
        }
      }
      return type == null || data == null
          ? Optional.empty()
          : Optional.of(new KeyMessage(type, data));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Decodes a public key we can verify with (Ed25519, secp256k1). */
  public static Optional<PublicKey> decodePublic(byte[] message) {
    return decode(message)
        .flatMap(
            m ->
                KeyType.of(m.typeNumber())
                    .flatMap(
                        t ->
                            switch (t) {
                              case ED25519 -> Ed25519Keys.publicKey(m.data());
                              case SECP256K1 -> Secp256k1Keys.publicKey(m.data());
                              default -> Optional.<PublicKey>empty();
                            }));
  }

  /**
   * Decodes a stored private key.
   *
   * @throws IllegalArgumentException when it is malformed or of an unsupported type
   */
  public static PrivateKey decodePrivate(byte[] message) {
    KeyMessage m =
        decode(message).orElseThrow(() -> new IllegalArgumentException("not a key message"));
    KeyType type =
        KeyType.of(m.typeNumber())
            .orElseThrow(() -> new IllegalArgumentException("unknown key type"));
    return switch (type) {
      case ED25519 -> Ed25519Keys.privateKey(m.data());
      case SECP256K1 -> Secp256k1Keys.privateKey(m.data());
      default -> throw new IllegalArgumentException("unsupported private key type " + type);
    };
  }
}
