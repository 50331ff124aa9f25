package org.openvpp.node.p2p.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.encoding.Varint;

class MultistreamTest {
  private final Vertx vertx = Vertx.vertx();
  private final PipeChannel[] pipe = PipeChannel.pair();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static Buffer msg(String s) {
    byte[] b = (s + "\n").getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer(Varint.encode(b.length)).appendBytes(b);
  }

  @Test
  void theInitiatorGetsTheFirstProposalTheResponderSupports() throws Exception {
    Future<String> responder =
        Multistream.respond(vertx, pipe[1], () -> List.of("/b/1", "/c/1"), 1000);
    Future<String> initiator = Multistream.select(vertx, pipe[0], List.of("/a/1", "/b/1"), 1000);
    assertThat(get(initiator)).isEqualTo("/b/1");
    assertThat(get(responder)).isEqualTo("/b/1");
  }

  @Test
  void bytesAfterTheNegotiationReachTheNextHandler() throws Exception {
    Future<String> responder = Multistream.respond(vertx, pipe[1], () -> List.of("/x"), 1000);
    pipe[0].write(msg(Multistream.HEADER).appendBuffer(msg("/x")).appendString("payload"));
    assertThat(get(responder)).isEqualTo("/x");
    List<String> got = new ArrayList<>();
    pipe[1].handler(b -> got.add(b.toString()));
    assertThat(got).containsExactly("payload");
  }

  @Test
  void whenEveryProposalIsRefusedTheInitiatorFailsAsUnsupported() {
    Multistream.respond(vertx, pipe[1], () -> List.of("/other"), 1000);
    Future<String> initiator = Multistream.select(vertx, pipe[0], List.of("/a", "/b"), 1000);
    assertThat(reason(initiator)).isEqualTo(RejectReason.PROTOCOL_UNSUPPORTED);
  }

  @Test
  void lsListsTheResponderProtocols() {
    Multistream.respond(vertx, pipe[1], () -> List.of("/a/1", "/b/2"), 1000);
    List<Buffer> answers = new ArrayList<>();
    pipe[0].handler(answers::add);
    pipe[0].write(msg(Multistream.HEADER).appendBuffer(msg("ls")));
    String all = answers.stream().map(Buffer::toString).reduce("", String::concat);
    assertThat(all).contains("/a/1\n", "/b/2\n");
    Buffer expectedList = msg("/a/1").appendBuffer(msg("/b/2")).appendString("\n");
    assertThat(all)
        .endsWith(
            Buffer.buffer(Varint.encode(expectedList.length()))
                .appendBuffer(expectedList)
                .toString());
  }

  @Test
  void aWrongHeaderIsGarbage() {
    Future<String> responder = Multistream.respond(vertx, pipe[1], () -> List.of("/x"), 1000);
    pipe[0].write(msg("/not-multistream"));
    assertThat(reason(responder)).isEqualTo(RejectReason.MULTISTREAM_GARBAGE);
  }

  @Test
  void anOversizeOrUnterminatedMessageIsGarbage() {
    Future<String> a = Multistream.respond(vertx, pipe[1], () -> List.of("/x"), 1000);
    pipe[0].write(Buffer.buffer(Varint.encode(5000)));
    assertThat(reason(a)).isEqualTo(RejectReason.MULTISTREAM_GARBAGE);

    PipeChannel[] other = PipeChannel.pair();
    Future<String> b = Multistream.respond(vertx, other[1], () -> List.of("/x"), 1000);
    other[0].write(Buffer.buffer(new byte[] {3, 'a', 'b', 'c'}));
    assertThat(reason(b)).isEqualTo(RejectReason.MULTISTREAM_GARBAGE);
  }

  @Test
  void aSilentPeerTimesOut() {
    Future<String> responder = Multistream.respond(vertx, pipe[1], () -> List.of("/x"), 100);
    assertThat(reason(responder)).isEqualTo(RejectReason.TIMEOUT);
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static RejectReason reason(Future<?> f) {
    try {
      get(f);
      throw new AssertionError("expected failure");
    } catch (ExecutionException e) {
      return ((ProtocolViolation) e.getCause()).reason();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
