package org.openvpp.node.p2p.gossip;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A pubsub {@code Message}: from (1), data (2), seqno (3), topic (4), signature (5), key (6).
 * Absent optional fields are null.
 */
public record PubMessage(
    byte[] from, byte[] data, byte[] seqno, String topic, byte[] signature, byte[] key) {

  /** The bytes a StrictSign signature covers: the message without signature and key. */
  public byte[] encodeUnsigned() {
    return new PubMessage(from, data, seqno, topic, null, null).encode();
  }

  public byte[] encode() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      write(CodedOutputStream.newInstance(bytes));
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(CodedOutputStream out) throws IOException {
    writeBytes(out, 1, from);
    writeBytes(out, 2, data);
    writeBytes(out, 3, seqno);
    out.writeString(4, topic);
    writeBytes(out, 5, signature);
    writeBytes(out, 6, key);
    out.flush();
  }

  private static void writeBytes(CodedOutputStream out, int field, byte[] value)
      throws IOException {
    if (value != null) {
      out.writeByteArray(field, value);
    }
  }

  static Optional<PubMessage> decode(CodedInputStream in) throws IOException {
    byte[][] f = new byte[7][];
    String topic = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int field = tag >>> 3;
      if (field == 4 && (tag & 7) == 2) {
        topic = in.readString();
      } else if (field >= 1 && field <= 6 && (tag & 7) == 2) {
        f[field] = in.readByteArray();
      } else {
        in.skipField(tag);
      }
    }
    return topic == null
        ? Optional.empty()
        : Optional.of(new PubMessage(f[1], f[2], f[3], topic, f[5], f[6]));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PubMessage m
        && Arrays.equals(from, m.from)
        && Arrays.equals(data, m.data)
        && Arrays.equals(seqno, m.seqno)
        && topic.equals(m.topic)
        && Arrays.equals(signature, m.signature)
        && Arrays.equals(key, m.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(seqno) * 31 + topic.hashCode();
  }

  @Override
  public String toString() {
    return "PubMessage[" + topic + ", " + (data == null ? 0 : data.length) + " bytes]";
  }
}
