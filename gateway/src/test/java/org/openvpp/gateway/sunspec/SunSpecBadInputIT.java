package org.openvpp.gateway.sunspec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvpp.contracts.testing.Await;
import org.openvpp.gateway.adapter.ConnectionState;
import org.openvpp.gateway.adapter.FailureReason;
import org.openvpp.gateway.adapter.Measurement;
import org.openvpp.gateway.adapter.Setpoint;
import org.openvpp.gateway.adapter.SetpointResult;

/**
 * The SunSpec adapter against an independent Modbus TCP server (jsmodbus) that misbehaves: no SunS
 * marker, a garbage model chain, not-implemented sentinels, out-of-range values, dropped
 * connections, a port that answers with random bytes and a port where nobody listens. Each is
 * counted under its reason, reported as no measurement at all, and the adapter recovers when the
 * device does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SunSpecBadInputIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private SunSpecTestServer server;
  private SunSpecAdapter adapter;
  private RecordingSink sink;

  @BeforeAll
  void startServer() throws Exception {
    server = SunSpecTestServer.start();
  }

  @AfterAll
  void stopServer() throws Exception {
    server.close();
  }

  @AfterEach
  void stopAdapter() throws Exception {
    if (adapter != null) {
      adapter.close();
    }
    server.mode("battery", "normal");
  }

  private void startAdapter(int port) {
    SunSpecConfig c =
        SunSpecConfig.parse(
            Map.of(
                "gateway.sunspec.devices", "bat",
                "gateway.sunspec.poll.period.ms", "200",
                "gateway.sunspec.timeout.ms", "500",
                "gateway.sunspec.device.bat.host", "127.0.0.1",
                "gateway.sunspec.device.bat.port", String.valueOf(port),
                "gateway.sunspec.device.bat.role", "battery",
                "gateway.sunspec.device.bat.rated.power.w", "5000",
                "gateway.sunspec.device.bat.capacity.wh", "10000"));
    adapter = new SunSpecAdapter(c, Clock.systemUTC());
    sink = new RecordingSink();
    adapter.start(sink);
  }

  private void healthy() {
    Await.until(WAIT, () -> sink.count() > 0, "a first good measurement");
    assertThat(adapter.connectionState("bat")).isEqualTo(ConnectionState.CONNECTED);
  }

  /** Puts the battery into {@code mode}, waits for {@code reason} to be counted, checks silence. */
  private void misbehave(String mode, FailureReason reason) throws Exception {
    long before = adapter.failures().get("bat", reason);
    server.mode("battery", mode);
    Await.until(
        WAIT, () -> adapter.failures().get("bat", reason) >= before + 3, reason + " counted");
    int seen = sink.count();
    long more = adapter.failures().get("bat", reason);
    Await.until(WAIT, () -> adapter.failures().get("bat", reason) >= more + 3, "still failing");
    assertThat(sink.count()).as("no measurement while the device sends " + mode).isEqualTo(seen);
    server.mode("battery", "normal");
    Await.until(WAIT, () -> sink.count() > seen, "measurements again after recovery");
    assertThat(adapter.connectionState("bat")).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void aMissingSunsMarkerIsADiscoveryFailure() throws Exception {
    startAdapter(server.port("battery"));
    healthy();
    server.mode("battery", "drop"); // force a rediscovery on the next connection
    Await.until(
        WAIT, () -> adapter.connectionState("bat") != ConnectionState.CONNECTED, "connection lost");
    misbehave("no-marker", FailureReason.DISCOVERY);
  }

  @Test
  void aGarbageModelChainIsADiscoveryFailure() throws Exception {
    startAdapter(server.port("battery"));
    healthy();
    server.mode("battery", "drop");
    Await.until(
        WAIT, () -> adapter.connectionState("bat") != ConnectionState.CONNECTED, "connection lost");
    misbehave("garbage", FailureReason.DISCOVERY);
  }

  @Test
  void notImplementedSentinelsGiveNoMeasurement() throws Exception {
    startAdapter(server.port("battery"));
    healthy();
    misbehave("sentinel", FailureReason.NOT_IMPLEMENTED);
  }

  @Test
  void outOfRangeValuesGiveNoMeasurement() throws Exception {
    startAdapter(server.port("battery"));
    healthy();
    misbehave("out-of-range", FailureReason.OUT_OF_RANGE);
  }

  @Test
  void aDroppedConnectionIsCountedAndRecovered() throws Exception {
    startAdapter(server.port("battery"));
    healthy();
    misbehave("drop", FailureReason.CONNECTION_LOST);
    assertThat(sink.states).contains(ConnectionState.DISCONNECTED);
  }

  @Test
  void aPortAnsweringRandomBytesNeverYieldsAMeasurement() throws Exception {
    startAdapter(server.port("junk"));
    Await.until(
        WAIT,
        () ->
            adapter.failures().get("bat", FailureReason.MALFORMED)
                    + adapter.failures().get("bat", FailureReason.TIMEOUT)
                    + adapter.failures().get("bat", FailureReason.CONNECTION_LOST)
                >= 3,
        "garbage frames counted");
    assertThat(sink.count()).isZero();
    assertThat(adapter.connectionState("bat")).isNotEqualTo(ConnectionState.CONNECTED);
    System.out.println("junk port failures: " + adapter.failures().snapshot());
  }

  @Test
  void aDeviceThatNeverAnswersIsATimeout() throws Exception {
    startAdapter(server.port("silent"));
    Await.until(
        WAIT, () -> adapter.failures().get("bat", FailureReason.TIMEOUT) >= 2, "timeouts counted");
    assertThat(sink.count()).isZero();
    assertThat(adapter.connectionState("bat")).isNotEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void nobodyListeningIsAConnectionFailure() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    startAdapter(port);
    Await.until(
        WAIT,
        () -> adapter.failures().get("bat", FailureReason.CONNECTION_LOST) >= 3,
        "refused connections counted");
    assertThat(sink.count()).isZero();
    assertThat(adapter.connectionState("bat")).isEqualTo(ConnectionState.CONNECTING);
  }

  @Test
  void anInverterWithoutModel123RejectsASetpointWithACountedReasonAndKeepsReporting()
      throws Exception {
    SunSpecConfig c =
        SunSpecConfig.parse(
            Map.of(
                "gateway.sunspec.devices", "pv",
                "gateway.sunspec.poll.period.ms", "200",
                "gateway.sunspec.timeout.ms", "500",
                "gateway.sunspec.device.pv.host", "127.0.0.1",
                "gateway.sunspec.device.pv.port", String.valueOf(server.port("legacy")),
                "gateway.sunspec.device.pv.role", "inverter",
                "gateway.sunspec.device.pv.rated.power.w", "8000"));
    adapter = new SunSpecAdapter(c, Clock.systemUTC());
    sink = new RecordingSink();
    adapter.start(sink);
    Await.until(WAIT, () -> sink.count() > 0, "a first good measurement");
    assertThat(adapter.chain("pv").ids()).containsExactly(1, 103);
    // no controls: nothing to curtail, so the node is offered no envelope
    assertThat(sink.last().envelope()).isEqualTo(Measurement.Envelope.NONE);
    long now = System.currentTimeMillis();
    SetpointResult r =
        adapter
            .apply(new Setpoint("pv", 1, OptionalLong.of(1_000), now + 60_000))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertThat(r.status()).isEqualTo(SetpointResult.Status.FAILED);
    assertThat(r.appliedPowerW()).isZero();
    assertThat(r.detail()).startsWith("setpoint_rejected:").contains("model 123");
    assertThat(adapter.failures().get("pv", FailureReason.SETPOINT_REJECTED)).isEqualTo(1);
    int seen = sink.count();
    Await.until(WAIT, () -> sink.count() > seen + 2, "the inverter keeps reporting");
    assertThat(adapter.connectionState("pv")).isEqualTo(ConnectionState.CONNECTED);
    assertThat(sink.last().powerW()).isEqualTo(3_000);
  }

  @Test
  void anInverterWithModel123OffersACurtailableEnvelope() throws Exception {
    SunSpecConfig c =
        SunSpecConfig.parse(
            Map.of(
                "gateway.sunspec.devices", "pv",
                "gateway.sunspec.poll.period.ms", "200",
                "gateway.sunspec.timeout.ms", "500",
                "gateway.sunspec.device.pv.host", "127.0.0.1",
                "gateway.sunspec.device.pv.port", String.valueOf(server.port("inverter")),
                "gateway.sunspec.device.pv.role", "inverter",
                "gateway.sunspec.device.pv.rated.power.w", "8000"));
    adapter = new SunSpecAdapter(c, Clock.systemUTC());
    sink = new RecordingSink();
    adapter.start(sink);
    Await.until(WAIT, () -> sink.count() > 0, "a first good measurement");
    assertThat(adapter.chain("pv").ids()).containsExactly(1, 103, 120, 123);
    assertThat(sink.last().envelope()).isEqualTo(new Measurement.Envelope(0, 3_000));
  }
}
