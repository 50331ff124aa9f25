package org.openvpp.gateway.ocpp;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.openvpp.contracts.testing.Await;

/** A bare WebSocket client that sends whatever text a test gives it: the hostile charger. */
final class RawOcppClient implements AutoCloseable {
  final List<String> received = new CopyOnWriteArrayList<>();
  volatile Short closeStatus;
  private final WebSocket ws;

  private RawOcppClient(WebSocket ws) {
    this.ws = ws;
    ws.textMessageHandler(received::add);
    ws.closeHandler(v -> closeStatus = ws.closeStatusCode() == null ? -1 : ws.closeStatusCode());
  }

  /** Connects; fails with the server's HTTP status (UpgradeRejectedException) when refused. */
  static RawOcppClient connect(Vertx vertx, int port, String uri, List<String> subprotocols)
      throws Exception {
    return connect(vertx, port, uri, subprotocols, 1 << 20);
  }

  /** With {@code maxFrameSize}, longer messages are sent as several fragments. */
  static RawOcppClient connect(
      Vertx vertx, int port, String uri, List<String> subprotocols, int maxFrameSize)
      throws Exception {
    WebSocketClient client =
        vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(maxFrameSize));
    WebSocketConnectOptions o =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(uri)
            .setSubProtocols(subprotocols);
    WebSocket ws =
        client.connect(o).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return new RawOcppClient(ws);
  }

  static RawOcppClient charger(Vertx vertx, int port, String identity) throws Exception {
    return connect(vertx, port, "/ocpp/" + identity, List.of("ocpp1.6"));
  }

  String subProtocol() {
    return ws.subProtocol();
  }

  void send(String text) {
    ws.writeTextMessage(text);
  }

  void sendBinary(byte[] b) {
    ws.writeBinaryMessage(Buffer.buffer(b));
  }

  /** Sends a frame and waits for the answer with the given unique id. */
  JsonArray ask(String uniqueId, String text) {
    send(text);
    return answer(uniqueId);
  }

  JsonArray answer(String uniqueId) {
    return Await.value(
        Duration.ofSeconds(10),
        () ->
            received.stream()
                .map(JsonArray::new)
                .filter(a -> a.size() > 1 && uniqueId.equals(a.getValue(1)))
                .findFirst()
                .orElse(null),
        "answer to " + uniqueId);
  }

  void boot() {
    JsonArray a =
        ask(
            "boot",
            "[2,\"boot\",\"BootNotification\",{\"chargePointVendor\":\"raw\",\"chargePointModel\":\"t\"}]");
    if (!"Accepted".equals(a.getJsonObject(2).getString("status"))) {
      throw new AssertionError("boot not accepted: " + a);
    }
  }

  void awaitClosed() {
    Await.until(Duration.ofSeconds(10), () -> closeStatus != null, "connection closed");
  }

  @Override
  public void close() {
    if (closeStatus == null) {
      ws.close();
    }
  }
}
