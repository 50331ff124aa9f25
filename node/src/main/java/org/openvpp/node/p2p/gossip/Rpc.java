package org.openvpp.node.p2p.gossip;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pubsub {@code RPC}: subscriptions (1), published messages (2) and gossipsub control (3).
 * Decoding returns empty on malformed input; unknown fields (e.g. v1.2 IDONTWANT) are skipped.
 */
public record Rpc(List<Subscription> subscriptions, List<PubMessage> publish, Control control) {
  public Rpc {
    subscriptions = List.copyOf(subscriptions);
    publish = List.copyOf(publish);
  }

  /** SubOpts: subscribe (1), topic (2). */
  public record Subscription(boolean subscribe, String topic) {}

  /** IHAVE: topic (1), message ids (2). */
  public record IHave(String topic, List<byte[]> messageIds) {}

  /** PRUNE: topic (1), backoff seconds (3); peer exchange (2) is not used. */
  public record Prune(String topic, long backoffSeconds) {}

  /** ControlMessage: ihave (1), iwant (2), graft (3), prune (4). */
  public record Control(
      List<IHave> ihave, List<byte[]> iwant, List<String> graft, List<Prune> prune) {
    public static final Control EMPTY = new Control(List.of(), List.of(), List.of(), List.of());

    boolean isEmpty() {
      return ihave.isEmpty() && iwant.isEmpty() && graft.isEmpty() && prune.isEmpty();
    }
  }

  public static Rpc ofMessages(List<PubMessage> messages) {
    return new Rpc(List.of(), messages, Control.EMPTY);
  }

  public static Rpc ofControl(Control control) {
    return new Rpc(List.of(), List.of(), control);
  }

  public static Rpc ofSubscriptions(List<Subscription> subscriptions) {
    return new Rpc(subscriptions, List.of(), Control.EMPTY);
  }

  public byte[] encode() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      for (Subscription s : subscriptions) {
        out.writeByteArray(1, sub(s));
      }
      for (PubMessage m : publish) {
        out.writeByteArray(2, m.encode());
      }
      if (!control.isEmpty()) {
        out.writeByteArray(3, RpcControlCodec.encode(control));
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] sub(Subscription s) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeBool(1, s.subscribe());
    out.writeString(2, s.topic());
    out.flush();
    return bytes.toByteArray();
  }

  public static Optional<Rpc> decode(byte[] bytes) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      List<Subscription> subs = new ArrayList<>();
      List<PubMessage> msgs = new ArrayList<>();
      Control control = Control.EMPTY;
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag) {
          case 10 -> decodeSub(in.readByteArray()).ifPresent(subs::add);
          case 18 -> {
            Optional<PubMessage> m =
                PubMessage.decode(CodedInputStream.newInstance(in.readByteArray()));
            if (m.isEmpty()) {
              return Optional.empty();
            }
            msgs.add(m.get());
          }
          case 26 -> control = RpcControlCodec.decode(in.readByteArray());
          default -> in.skipField(tag);
        }
      }
      return Optional.of(new Rpc(subs, msgs, control));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Subscription> decodeSub(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    boolean subscribe = false;
    String topic = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case 8 -> subscribe = in.readBool();
        case 18 -> topic = in.readString();
        default -> in.skipField(tag);
      }
    }
    return topic == null ? Optional.empty() : Optional.of(new Subscription(subscribe, topic));
  }
}
