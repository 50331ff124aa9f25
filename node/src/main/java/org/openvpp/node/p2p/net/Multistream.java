package org.openvpp.node.p2p.net;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.encoding.Varint;

/**
 * multistream-select 1.0: the initiator proposes protocols one by one, the responder echoes the one
 * it accepts or answers "na"; "ls" lists what the responder serves. Both sides send the header
 * first. Failures complete the future with a {@link ProtocolViolation}.
 */
public final class Multistream {
  public static final String HEADER = "/multistream/1.0.0";
  static final String NA = "na";
  static final String LS = "ls";

  /** Protocol ids are short; anything longer is garbage. */
  static final int MAX_MESSAGE = 1024;

  private final Vertx vertx;
  private final Channel channel;
  private final ByteQueue queue = new ByteQueue();
  private final Promise<String> result = Promise.promise();
  private boolean headerSeen;
  private boolean answeredNa;
  private final long timer;

  private Multistream(Vertx vertx, Channel channel, long timeoutMs) {
    this.vertx = vertx;
    this.channel = channel;
    this.timer =
        vertx.setTimer(
            timeoutMs, t -> fail(new ProtocolViolation(RejectReason.TIMEOUT, "negotiation")));
    channel.endHandler(
        () ->
            fail(
                new ProtocolViolation(
                    answeredNa
                        ? RejectReason.PROTOCOL_UNSUPPORTED
                        : RejectReason.MULTISTREAM_GARBAGE,
                    "closed during negotiation")));
  }

  /** As initiator: the first of {@code protocols} the remote accepts. */
  public static Future<String> select(
      Vertx vertx, Channel channel, List<String> protocols, long timeoutMs) {
    Multistream m = new Multistream(vertx, channel, timeoutMs);
    Deque<String> left = new ArrayDeque<>(protocols);
    m.send(HEADER, left.peek());
    channel.handler(
        data ->
            m.onData(
                data,
                msg -> {
                  if (msg.equals(left.peek())) {
                    m.succeed(msg);
                  } else if (msg.equals(NA)) {
                    left.poll();
                    if (left.isEmpty()) {
                      m.fail(new ProtocolViolation(RejectReason.PROTOCOL_UNSUPPORTED, "all na"));
                    } else {
                      m.send(left.peek());
                    }
                  } else {
                    m.fail(new ProtocolViolation(RejectReason.MULTISTREAM_GARBAGE, "bad answer"));
                  }
                }));
    return m.result.future();
  }

  /** As responder: the first proposal that {@code supported} lists. */
  public static Future<String> respond(
      Vertx vertx, Channel channel, Supplier<List<String>> supported, long timeoutMs) {
    Multistream m = new Multistream(vertx, channel, timeoutMs);
    m.send(HEADER);
    channel.handler(
        data ->
            m.onData(
                data,
                msg -> {
                  List<String> ours = supported.get();
                  if (msg.equals(LS)) {
                    m.sendList(ours);
                  } else if (ours.contains(msg)) {
                    m.send(msg);
                    m.succeed(msg);
                  } else {
                    m.answeredNa = true;
                    m.send(NA);
                  }
                }));
    return m.result.future();
  }

  private void onData(Buffer data, java.util.function.Consumer<String> onMessage) {
    queue.append(data);
    try {
      for (Optional<String> msg = next(); msg.isPresent(); msg = next()) {
        if (!headerSeen) {
          if (!msg.get().equals(HEADER)) {
            throw new ProtocolViolation(RejectReason.MULTISTREAM_GARBAGE, "no header");
          }
          headerSeen = true;
          continue;
        }
        onMessage.accept(msg.get());
        if (result.future().isComplete()) {
          return;
        }
      }
    } catch (ProtocolViolation e) {
      fail(e);
    }
  }

  private Optional<String> next() {
    Optional<byte[]> frame;
    try {
      frame = queue.takeLengthPrefixed(MAX_MESSAGE);
    } catch (ProtocolViolation e) {
      throw new ProtocolViolation(RejectReason.MULTISTREAM_GARBAGE, e.getMessage());
    }
    return frame.map(
        b -> {
          if (b.length == 0 || b[b.length - 1] != '\n') {
            throw new ProtocolViolation(RejectReason.MULTISTREAM_GARBAGE, "no newline");
          }
          return new String(b, 0, b.length - 1, StandardCharsets.UTF_8);
        });
  }

  private void send(String... messages) {
    Buffer out = Buffer.buffer();
    for (String m : messages) {
      out.appendBuffer(ByteQueue.lengthPrefixed(line(m)));
    }
    channel.write(out);
  }

  /** "ls" answer: one message holding each protocol as its own length-prefixed line. */
  private void sendList(List<String> protocols) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String p : protocols) {
      byte[] l = line(p);
      Varint.write(body, l.length);
      body.writeBytes(l);
    }
    body.write('\n');
    channel.write(ByteQueue.lengthPrefixed(body.toByteArray()));
  }

  private static byte[] line(String m) {
    return (m + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private void succeed(String protocol) {
    if (result.future().isComplete()) {
      return;
    }
    vertx.cancelTimer(timer);
    // Hand the channel over before completing: completion runs the next layer synchronously.
    channel.handler(null);
    channel.unread(queue.takeAll());
    result.complete(protocol);
  }

  private void fail(ProtocolViolation e) {
    if (!result.future().isComplete()) {
      vertx.cancelTimer(timer);
      channel.handler(null);
      result.fail(e);
    }
  }
}
