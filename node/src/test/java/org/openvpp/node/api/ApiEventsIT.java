package org.openvpp.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.protocol.Availability;
import org.openvpp.contracts.evidence.EvidenceLeaf;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.testing.Await;
import org.openvpp.node.rewards.SubmissionKey;

/** A client on {@code /v1/events} hears the node's changes as Server-Sent Events. */
class ApiEventsIT {
  @TempDir Path dir;
  private ApiHarness api;
  private InputStream stream;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  @BeforeEach
  void subscribe() throws Exception {
    api = new ApiHarness(dir);
    HttpResponse<InputStream> r =
        api.http.send(
            HttpRequest.newBuilder(URI.create(api.base() + "/v1/events")).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    stream = r.body();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (java.io.IOException e) {
                lines.add("closed: " + e.getMessage());
              }
            },
            "sse-reader");
    reader.setDaemon(true);
    reader.start();
    assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo(": subscribed");
    Await.until(() -> api.events.subscribers() == 1, "the stream is subscribed");
  }

  @AfterEach
  void stop() throws Exception {
    stream.close();
    api.close();
  }

  @Test
  void aLimitsChangeArrivesAsAnEvent() throws Exception {
    String limits = "{\"minSocPermille\":350,\"reserveWh\":0,\"departureMs\":1767254400000}";
    assertThat(
            api.put("/v1/devices/" + ApiHarness.DEVICE + "/limits", limits, api.token())
                .statusCode())
        .isEqualTo(200);
    Event e = next("limits");
    assertThat(e.data().getString("device")).isEqualTo(ApiHarness.DEVICE);
    assertThat(e.data().getJsonObject("limits").getInteger("minSocPermille")).isEqualTo(350);
    assertThat(e.data().getJsonObject("limits").getLong("departureMs")).isEqualTo(1767254400000L);
  }

  @Test
  void aDeviceReadingArrivesAsADeviceEvent() throws Exception {
    Event first = next("device"); // the state as the stream found it
    assertThat(first.data().getLong("powerW")).isZero();
    api.fleet.accept(new MeterReading(ApiHarness.DEVICE, 5, 2_000, 0, 10, -2_500, 640));
    Event e = next("device");
    assertThat(e.id()).isGreaterThan(first.id());
    assertThat(e.data().getString("device")).isEqualTo(ApiHarness.DEVICE);
    assertThat(e.data().getLong("powerW")).isEqualTo(-2_500);
    assertThat(e.data().getInteger("socPermille")).isEqualTo(640);
    api.fleet.accept(new Availability(ApiHarness.DEVICE, false, 3_000));
    assertThat(next("device").data().getBoolean("online")).isFalse();
  }

  @Test
  void aFinalizedRewardRootArrivesAsARewardsEvent() throws Exception {
    next("rewards"); // the earnings as the stream found them
    var next =
        api.book
            .tip()
            .plus(
                BigInteger.valueOf(500),
                new EvidenceTree(
                    List.of(
                        new EvidenceLeaf(
                            ApiHarness.DEVICE,
                            ApiHarness.OWNER,
                            new byte[32],
                            new byte[32],
                            0,
                            5))));
    api.book.submitted(SubmissionKey.evidence(BigInteger.TWO), next);
    JsonObject pending = next("rewards").data().getJsonArray("earnings").getJsonObject(0);
    assertThat(pending.getString("pending")).isEqualTo(next.total().toString());
    assertThat(pending.getString("finalized")).isNotEqualTo(next.total().toString());
    api.book.finalized(SubmissionKey.evidence(BigInteger.TWO));
    JsonObject done = next("rewards").data().getJsonArray("earnings").getJsonObject(0);
    assertThat(done.getString("owner")).isEqualTo(ApiHarness.OWNER);
    assertThat(done.getString("finalized")).isEqualTo(next.total().toString());
  }

  @Test
  void eventsOtherPartsPublishReachTheStreamInOrder() throws Exception {
    for (int i = 0; i < 5; i++) {
      api.events.publish("awards", new JsonObject().put("n", i));
    }
    for (int i = 0; i < 5; i++) {
      assertThat(next("awards").data().getInteger("n")).isEqualTo(i);
    }
  }

  private record Event(long id, String type, JsonObject data) {}

  /** The next event of {@code type}, skipping others and comments; waits up to 15 s. */
  private Event next(String type) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    long id = -1;
    String event = null;
    while (System.nanoTime() < deadline) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        break;
      }
      if (line.startsWith("id: ")) {
        id = Long.parseLong(line.substring(4));
      } else if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ") && type.equals(event)) {
        return new Event(id, event, new JsonObject(line.substring(6)));
      }
    }
    throw new AssertionError(
        "no '" + type + "' event within 15 s; still queued: " + List.copyOf(lines));
  }
}
