package org.openvpp.bridge.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.mqtt.MqttClients;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.mqtt.MqttMessage;
import org.openvpp.bridge.mqtt.MqttSettings;
import org.openvpp.contracts.testing.Await;

/**
 * The real Mosquitto binary as the bridge's child process: it carries QoS 1 messages, stops on
 * close, is restarted after a crash, and every way a start can fail ends in an error that names the
 * cause.
 */
class MosquittoProcessIT {
  @TempDir Path dir;

  @Test
  void startsOnAFreePortCarriesQos1AndStopsOnClose() throws Exception {
    long t0 = System.nanoTime();
    MosquittoProcess broker = MosquittoProcess.start(settings(0));
    long startMs = (System.nanoTime() - t0) / 1_000_000;
    long pid = broker.pid();
    assertThat(pid).isPositive();
    assertThat(broker.description()).contains("mosquitto 2.").contains(broker.url());
    assertThat(Files.readString(broker.configFile()))
        .contains("max_queued_messages 1000000")
        .contains("persistence false")
        .contains("listener " + broker.port() + " 127.0.0.1");
    roundTrip(broker.url(), "a");
    long t1 = System.nanoTime();
    broker.close();
    long stopMs = (System.nanoTime() - t1) / 1_000_000;
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(accepts(broker.port())).isFalse();
    System.out.printf("mosquitto child: start %d ms, stop %d ms%n", startMs, stopMs);
    assertThat(stopMs).isLessThan(5_000);
  }

  @Test
  void aCrashedBrokerIsRestartedOnTheSamePort() throws Exception {
    try (MosquittoProcess broker = MosquittoProcess.start(settings(0))) {
      long first = broker.pid();
      ProcessHandle.of(first).orElseThrow().destroyForcibly();
      Await.until(Duration.ofSeconds(20), () -> broker.restarts() == 1, "broker restarted");
      assertThat(broker.pid()).isPositive().isNotEqualTo(first);
      roundTrip(broker.url(), "after-restart");
      assertThat(Files.readString(dir.resolve("mosquitto/mosquitto.log")))
          .as("the crashed run's lines are kept")
          .contains("running");
    }
  }

  @Test
  void aTakenPortIsNamed() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> MosquittoProcess.start(settings(port)))
          .isInstanceOf(BrokerStartException.class)
          .hasMessageContaining("127.0.0.1:" + port)
          .satisfies(e -> assertReason(e, BrokerStartException.Reason.PORT_IN_USE));
    }
  }

  @Test
  void aMissingBinaryIsNamed() {
    Path missing = dir.resolve("no-such/mosquitto");
    assertThatThrownBy(() -> MosquittoProcess.start(settings(0).withBinary(Optional.of(missing))))
        .isInstanceOf(BrokerStartException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("missing or not executable")
        .satisfies(e -> assertReason(e, BrokerStartException.Reason.BINARY_MISSING));
  }

  @Test
  void aBinaryThatExitsAtOnceGivesItsStatusAndOutput() throws IOException {
    Path fake = script("fake-mosquitto", "echo 'this is not a broker' >&2; exit 7");
    assertThatThrownBy(() -> MosquittoProcess.start(settings(0).withBinary(Optional.of(fake))))
        .isInstanceOf(BrokerStartException.class)
        .hasMessageContaining("status 7")
        .hasMessageContaining("this is not a broker")
        .satisfies(e -> assertReason(e, BrokerStartException.Reason.EXITED));
  }

  @Test
  void aConfigMosquittoRefusesIsReportedWithItsReason() throws IOException {
    // The real broker, given a config it refuses (as an operator's broken include would be).
    Path bad = Files.writeString(dir.resolve("bad.conf"), "listener 1 127.0.0.1\nbogus_key 1\n");
    Path real = MosquittoBinary.locate(Optional.empty()).orElseThrow();
    Path wrapper = script("refusing-mosquitto", "exec " + real + " -c " + bad);
    assertThatThrownBy(() -> MosquittoProcess.start(settings(0).withBinary(Optional.of(wrapper))))
        .isInstanceOf(BrokerStartException.class)
        .hasMessageContaining("Unknown configuration variable \"bogus_key\"")
        .satisfies(e -> assertReason(e, BrokerStartException.Reason.BAD_CONFIG));
  }

  @Test
  void anAddressNotOnThisMachineIsRefusedBeforeStarting() {
    MosquittoSettings s = MosquittoSettings.defaults(dir.resolve("m"), "192.0.2.1", 0);
    assertThatThrownBy(() -> MosquittoProcess.start(s))
        .isInstanceOf(BrokerStartException.class)
        .hasMessageContaining("192.0.2.1")
        .satisfies(e -> assertReason(e, BrokerStartException.Reason.BAD_CONFIG));
  }

  private MosquittoSettings settings(int port) {
    return MosquittoSettings.defaults(dir.resolve("mosquitto"), "127.0.0.1", port);
  }

  private Path script(String name, String body) throws IOException {
    Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  private static void assertReason(Throwable e, BrokerStartException.Reason reason) {
    assertThat(((BrokerStartException) e).reason()).isEqualTo(reason);
  }

  private static void roundTrip(String url, String text) throws InterruptedException {
    LinkedBlockingQueue<MqttMessage> got = new LinkedBlockingQueue<>();
    try (MqttConnection sub = MqttClients.create(MqttSettings.of(url, "it-sub-" + text), got::add);
        MqttConnection pub = MqttClients.create(MqttSettings.of(url, "it-pub-" + text), m -> {})) {
      sub.connect();
      sub.subscribe("it/#", 1);
      pub.connect();
      pub.publish("it/x", text.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false).join();
      MqttMessage m = got.poll(10, TimeUnit.SECONDS);
      assertThat(m).isNotNull();
      assertThat(new String(m.payload(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(text);
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
      return s.isConnected();
    } catch (IOException e) {
      return false;
    }
  }
}
