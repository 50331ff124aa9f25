package org.openvpp.node.p2p.gossip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.openvpp.node.p2p.crypto.KeyCodec;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.crypto.PrivateKey;
import org.openvpp.node.p2p.crypto.PublicKey;
import org.openvpp.node.p2p.encoding.Bytes;

/**
 * StrictSign: every message carries its author, an 8-byte seqno and a signature by the author's key
 * over {@code "libp2p-pubsub:" || message-without-signature-and-key}.
 */
public final class MessageSigning {
  private static final byte[] PREFIX = "libp2p-pubsub:".getBytes(StandardCharsets.US_ASCII);

  /** Outcome of validating a received message, as a value. */
  public enum Verdict {
    ACCEPT,
    REJECT_MISSING_FIELDS,
    REJECT_BAD_AUTHOR,
    REJECT_BAD_KEY,
    REJECT_BAD_SIGNATURE
  }

  private MessageSigning() {}

  public static PubMessage sign(PrivateKey key, String topic, byte[] data, long seqno) {
    byte[] from = PeerId.fromPublicKey(key.publicKey()).toBytes();
    byte[] seq = java.nio.ByteBuffer.allocate(8).putLong(seqno).array();
    PubMessage unsigned = new PubMessage(from, data, seq, topic, null, null);
    byte[] signature = key.sign(Bytes.concat(PREFIX, unsigned.encodeUnsigned()));
    return new PubMessage(from, data, seq, topic, signature, key.publicKey().marshal());
  }

  public static Verdict verify(PubMessage m) {
    if (m.from() == null || m.seqno() == null || m.signature() == null || m.data() == null) {
      return Verdict.REJECT_MISSING_FIELDS;
    }
    if (m.seqno().length != 8) {
      return Verdict.REJECT_MISSING_FIELDS;
    }
    Optional<PeerId> author = PeerId.fromBytes(m.from());
    if (author.isEmpty()) {
      return Verdict.REJECT_BAD_AUTHOR;
    }
    Optional<PublicKey> key =
        m.key() != null ? KeyCodec.decodePublic(m.key()) : author.get().inlinedPublicKey();
    if (key.isEmpty() || !author.get().matches(key.get())) {
      return Verdict.REJECT_BAD_KEY;
    }
    boolean ok = key.get().verify(Bytes.concat(PREFIX, m.encodeUnsigned()), m.signature());
    return ok ? Verdict.ACCEPT : Verdict.REJECT_BAD_SIGNATURE;
  }

  /** The default message id: author bytes followed by the seqno (same as go and js). */
  public static MessageId id(PubMessage m) {
    return new MessageId(Bytes.concat(m.from(), m.seqno()));
  }

  /** A message id with value semantics. */
  public record MessageId(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof MessageId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return Bytes.hex(bytes);
    }
  }
}
