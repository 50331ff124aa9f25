package org.openvpp.node.p2p.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import org.openvpp.node.p2p.encoding.Base32;
import org.openvpp.node.p2p.encoding.Base58;
import org.openvpp.node.p2p.encoding.Bytes;
import org.openvpp.node.p2p.encoding.Varint;

/**
 * A libp2p peer id: the multihash of the protobuf-encoded public key — identity multihash when that
 * is at most 42 bytes, sha2-256 otherwise. Text forms: base58btc (canonical) and CIDv1 with the
 * libp2p-key codec in base32.
 */
public final class PeerId {
  private static final int IDENTITY = 0x00;
  private static final int SHA2_256 = 0x12;
  private static final int LIBP2P_KEY = 0x72;
  private static final int MAX_INLINE_KEY = 42;

  private final byte[] multihash;

  private PeerId(byte[] multihash) {
    this.multihash = multihash;
  }

  public static PeerId fromPublicKey(PublicKey key) {
    byte[] encoded = key.marshal();
    if (encoded.length <= MAX_INLINE_KEY) {
      return new PeerId(
          Bytes.concat(new byte[] {IDENTITY}, Varint.encode(encoded.length), encoded));
    }
    return new PeerId(Bytes.concat(new byte[] {SHA2_256, 32}, sha256(encoded)));
  }

  /** The peer id of a public key given as its protobuf message (any key type, even RSA). */
  public static Optional<PeerId> fromMarshalledKey(byte[] publicKeyMessage) {
    if (KeyCodec.decode(publicKeyMessage).isEmpty()) {
      return Optional.empty();
    }
    if (publicKeyMessage.length <= MAX_INLINE_KEY) {
      return Optional.of(
          new PeerId(
              Bytes.concat(
                  new byte[] {IDENTITY},
                  Varint.encode(publicKeyMessage.length),
                  publicKeyMessage)));
    }
    return Optional.of(
        new PeerId(Bytes.concat(new byte[] {SHA2_256, 32}, sha256(publicKeyMessage))));
  }

  /** Validates a binary multihash as a peer id (identity or sha2-256). */
  public static Optional<PeerId> fromBytes(byte[] multihash) {
    try {
      Optional<Varint.Decoded> code = Varint.decode(multihash, 0, multihash.length);
      if (code.isEmpty()) {
        return Optional.empty();
      }
      int at = code.get().length();
      Optional<Varint.Decoded> len = Varint.decode(multihash, at, multihash.length);
      if (len.isEmpty() || at + len.get().length() + len.get().value() != multihash.length) {
        return Optional.empty();
      }
      long c = code.get().value();
      boolean ok =
          (c == SHA2_256 && len.get().value() == 32)
              || (c == IDENTITY && len.get().value() <= MAX_INLINE_KEY);
      return ok ? Optional.of(new PeerId(multihash.clone())) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Parses base58btc ("Qm…", "12D3…", "16U…") or a base32 CIDv1 ("bafz…"). */
  public static Optional<PeerId> parse(String text) {
    try {
      if (text.startsWith("Qm") || text.startsWith("1")) {
        return fromBytes(Base58.decode(text));
      }
      if (text.startsWith("b")) {
        byte[] cid = Base32.decode(text.substring(1));
        if (cid.length < 3 || cid[0] != 1 || cid[1] != LIBP2P_KEY) {
          return Optional.empty();
        }
        return fromBytes(Arrays.copyOfRange(cid, 2, cid.length));
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public byte[] toBytes() {
    return multihash.clone();
  }

  public String toBase58() {
    return Base58.encode(multihash);
  }

  public String toCid() {
    return "b" + Base32.encode(Bytes.concat(new byte[] {1, LIBP2P_KEY}, multihash));
  }

  /** The public key when it is inlined (identity multihash), e.g. Ed25519 and secp256k1 keys. */
  public Optional<PublicKey> inlinedPublicKey() {
    if (multihash[0] != IDENTITY) {
      return Optional.empty();
    }
    int lengthBytes = Varint.size(multihash.length - 2);
    return KeyCodec.decodePublic(Arrays.copyOfRange(multihash, 1 + lengthBytes, multihash.length));
  }

  /** True when {@code key} is the key this id was derived from. */
  public boolean matches(PublicKey key) {
    return equals(fromPublicKey(key));
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerId p && Arrays.equals(multihash, p.multihash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(multihash);
  }

  @Override
  public String toString() {
    return toBase58();
  }
}
