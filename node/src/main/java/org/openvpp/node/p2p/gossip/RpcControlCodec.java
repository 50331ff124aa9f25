package org.openvpp.node.p2p.gossip;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Protobuf codec of the gossipsub {@code ControlMessage}. */
final class RpcControlCodec {
  private RpcControlCodec() {}

  static byte[] encode(Rpc.Control c) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    for (Rpc.IHave h : c.ihave()) {
      out.writeByteArray(
          1,
          message(
              o -> {
                o.writeString(1, h.topic());
                for (byte[] id : h.messageIds()) {
                  o.writeByteArray(2, id);
                }
              }));
    }
    if (!c.iwant().isEmpty()) {
      out.writeByteArray(
          2,
          message(
              o -> {
                for (byte[] id : c.iwant()) {
                  o.writeByteArray(1, id);
                }
              }));
    }
    for (String topic : c.graft()) {
      out.writeByteArray(3, message(o -> o.writeString(1, topic)));
    }
    for (Rpc.Prune p : c.prune()) {
      out.writeByteArray(
          4,
          message(
              o -> {
                o.writeString(1, p.topic());
                o.writeUInt64(3, p.backoffSeconds());
              }));
    }
    out.flush();
    return bytes.toByteArray();
  }

  static Rpc.Control decode(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    List<Rpc.IHave> ihave = new ArrayList<>();
    List<byte[]> iwant = new ArrayList<>();
    List<String> graft = new ArrayList<>();
    List<Rpc.Prune> prune = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case 10 -> ihave.add(decodeIHave(in.readByteArray()));
        case 18 -> iwant.addAll(decodeIds(in.readByteArray(), 10));
        case 26 -> graft.add(decodeTopic(in.readByteArray()));
        case 34 -> prune.add(decodePrune(in.readByteArray()));
        default -> in.skipField(tag);
      }
    }
    return new Rpc.Control(ihave, iwant, graft, prune);
  }

  private static Rpc.IHave decodeIHave(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    String topic = "";
    List<byte[]> ids = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case 10 -> topic = in.readString();
        case 18 -> ids.add(in.readByteArray());
        default -> in.skipField(tag);
      }
    }
    return new Rpc.IHave(topic, ids);
  }

  private static List<byte[]> decodeIds(byte[] bytes, int idTag) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    List<byte[]> ids = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == idTag) {
        ids.add(in.readByteArray());
      } else {
        in.skipField(tag);
      }
    }
    return ids;
  }

  private static String decodeTopic(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    String topic = "";
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == 10) {
        topic = in.readString();
      } else {
        in.skipField(tag);
      }
    }
    return topic;
  }

  private static Rpc.Prune decodePrune(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    String topic = "";
    long backoff = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case 10 -> topic = in.readString();
        case 24 -> backoff = in.readUInt64();
        default -> in.skipField(tag);
      }
    }
    return new Rpc.Prune(topic, backoff);
  }

  private interface Writer {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] message(Writer w) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    w.write(out);
    out.flush();
    return bytes.toByteArray();
  }
}
