package org.openvpp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvpp.bridge.mqtt.MqttClients;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.mqtt.MqttSettings;
import org.openvpp.bridge.protocol.MessageCodec;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.store.ReadingStore;
import org.openvpp.bridge.store.ReadingStores;
import org.openvpp.bridge.testkit.BridgeProcess;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.testkit.MosquittoBroker;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.testing.Await;
import org.openvpp.contracts.testing.PostgresExtension;
import org.openvpp.contracts.testing.PostgresServer;

/**
 * A bridge process killed with SIGKILL mid-stream restarts without losing a reading, with its
 * readings in the default SQLite file and in PostgreSQL ({@code bridge.store.url}), and with the
 * Mosquitto it runs itself dying with it.
 */
@ExtendWith(PostgresExtension.class)
class BridgeKillIT {
  private static final int DEVICES = 5;
  private static final int PER_DEVICE = 400;

  private static PostgresServer postgres;

  @TempDir Path dir;
  final Map<String, Long> receipted = new ConcurrentHashMap<>();

  @BeforeAll
  static void postgres(PostgresServer server) {
    postgres = server;
  }

  @ParameterizedTest(name = "store {0}")
  @ValueSource(strings = {"sqlite", "postgres"})
  void acknowledgedReadingsSurviveSigkillAndNothingIsLostAfterRestart(String engine)
      throws IOException {
    String storeUrl = engine.equals("postgres") ? postgres.newDatabase() : "";
    List<Signer> devices = new ArrayList<>();
    StringBuilder directory = new StringBuilder();
    for (int i = 0; i < DEVICES; i++) {
      Signer s = Fixtures.signer(2_000 + i);
      devices.add(s);
      directory.append(s.address()).append(",HOME_BATTERY,1000000,10000\n");
    }
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("mosquitto"));
        BridgeProcess bridge =
            new BridgeProcess(
                config("bridge.broker.url=" + broker.url(), directory, storeUrl),
                dir.resolve("bridge.log"));
        MqttConnection device = deviceConnection(broker)) {
      bridge.start();
      int total = DEVICES * PER_DEVICE;
      int killAt = total / 3;
      Map<String, Long> receiptedAtKill = Map.of();
      List<CompletableFuture<Void>> pubacks = new ArrayList<>();
      for (int n = 0; n < total; n++) {
        Signer s = devices.get(n % DEVICES);
        long seq = n / DEVICES + 1;
        MeterReading r =
            new MeterReading(s.address(), seq, System.currentTimeMillis(), seq, 0, 0, 0);
        pubacks.add(
            device.publish(
                Topics.device(s.address(), Topics.READING), WireCodec.encode(s.sign(r)), 1, false));
        if (n == killAt) {
          Await.until(Duration.ofSeconds(10), () -> !receipted.isEmpty(), "first receipts");
          bridge.kill();
          receiptedAtKill = Map.copyOf(receipted);
        }
      }
      CompletableFuture.allOf(pubacks.toArray(CompletableFuture[]::new)).join();
      assertThat(receiptedAtKill.values().stream().mapToLong(Long::longValue).sum()).isPositive();
      bridge.start();
      try (ReadingStore store =
          ReadingStores.open(storeUrl, dir.resolve("bridge-data"), "NORMAL")) {
        Await.until(Duration.ofSeconds(60), () -> store.count() == total, "all readings stored");
        for (Signer s : devices) {
          long acked = receiptedAtKill.getOrDefault(s.address(), 0L);
          assertThat(store.readings(s.address(), 1, acked)).hasSize((int) acked);
          assertThat(store.readings(s.address(), 1, PER_DEVICE)).hasSize(PER_DEVICE);
        }
      }
    }
  }

  /**
   * The default mode, where the bridge runs Mosquitto itself: SIGKILL takes the JVM, and its
   * watchdog takes the broker with it (queued messages gone); the devices keep their readings until
   * receipted, the restarted bridge starts Mosquitto on the same port, and nothing is lost.
   */
  @org.junit.jupiter.api.Test
  void withItsOwnMosquittoTheBrokerDiesWithTheBridgeAndNothingIsLost() throws Exception {
    List<Signer> keys = List.of(Fixtures.signer(2_101), Fixtures.signer(2_102));
    StringBuilder directory = new StringBuilder();
    keys.forEach(k -> directory.append(k.address()).append(",HOME_BATTERY,1000000,10000\n"));
    int port = MosquittoBroker.freePort();
    String url = "tcp://127.0.0.1:" + port;
    try (BridgeProcess bridge =
        new BridgeProcess(
            config("bridge.broker.mode=mosquitto\nbridge.embedded.port=" + port, directory, ""),
            dir.resolve("bridge.log"))) {
      bridge.start();
      String node = new Signer(Fixtures.TYPED, Fixtures.nodeKey()).address();
      List<org.openvpp.bridge.sim.SimulatedDevice> sims = new ArrayList<>();
      for (Signer k : keys) {
        sims.add(
            new org.openvpp.bridge.sim.SimulatedDevice(
                    url,
                    new org.openvpp.bridge.sim.HomeBattery(10_000, 5_000, 5_000, 0.9, 100, 500),
                    k,
                    Fixtures.TYPED,
                    node,
                    java.time.Clock.systemUTC())
                .start());
      }
      java.util.concurrent.atomic.AtomicBoolean running =
          new java.util.concurrent.atomic.AtomicBoolean(true);
      Thread loop =
          new Thread(
              () -> {
                while (running.get()) {
                  sims.forEach(org.openvpp.bridge.sim.SimulatedDevice::tick);
                  try {
                    Thread.sleep(50); // the devices' reading cadence, not a wait for anything
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "sim-loop");
      loop.start();
      try {
        Await.until(
            Duration.ofSeconds(60),
            () -> sims.stream().allMatch(d -> receipted(d) >= 10),
            "ten readings of every device receipted");
        bridge.kill();
        Await.until(
            Duration.ofSeconds(10), () -> !accepts(port), "the broker gone with the bridge's JVM");
        long[] atKill = sims.stream().mapToLong(d -> d.agent().sequence()).toArray();
        Await.until(
            Duration.ofSeconds(30),
            () -> sims.stream().allMatch(d -> d.agent().sequence() >= atKill[sims.indexOf(d)] + 5),
            "five readings of every device taken while the bridge is dead");
        bridge.start();
        Await.until(
            Duration.ofSeconds(90),
            () -> sims.stream().allMatch(d -> receipted(d) >= atKill[sims.indexOf(d)] + 10),
            "readings beyond the kill receipted by the restarted bridge");
      } finally {
        running.set(false);
        loop.join(10_000);
      }
      for (org.openvpp.bridge.sim.SimulatedDevice d : sims) {
        Await.until(
            Duration.ofSeconds(45),
            () -> {
              d.tickRetransmitOnly();
              return d.agent().unreceiptedCount() == 0;
            },
            "every reading of " + d.address() + " receipted");
      }
      bridge.kill();
      sims.forEach(org.openvpp.bridge.sim.SimulatedDevice::close);
      try (ReadingStore store = ReadingStores.open("", dir.resolve("bridge-data"), "NORMAL")) {
        for (org.openvpp.bridge.sim.SimulatedDevice d : sims) {
          long last = d.agent().sequence();
          assertThat(last).isGreaterThan(20);
          assertThat(store.readings(d.address(), 1, last)).hasSize((int) last);
        }
      }
    }
  }

  /** Readings the bridge has receipted to the device (it keeps the others for re-sending). */
  private static long receipted(org.openvpp.bridge.sim.SimulatedDevice d) {
    return d.agent().sequence() - d.agent().unreceiptedCount();
  }

  private static boolean accepts(int port) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
      return s.isConnected();
    } catch (IOException e) {
      return false;
    }
  }

  private MqttConnection deviceConnection(MosquittoBroker broker) {
    MqttConnection c =
        MqttClients.create(
            MqttSettings.of(broker.url(), "kill-test-devices").withMaxInflight(50),
            m ->
                MessageCodec.decodeReceipt(m.payload())
                    .value()
                    .ifPresent(r -> receipted.merge(r.device(), r.sequence(), Math::max)));
    c.connect();
    c.subscribe(Topics.allDevices(Topics.RECEIPT), 1);
    return c;
  }

  private Path config(String brokerLine, CharSequence directory, String storeUrl)
      throws IOException {
    Path devices = Files.writeString(dir.resolve("devices.csv"), directory);
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Path key;
    try {
      // Light scrypt keeps the test fast; real wallets use the full parameters.
      key =
          keys.resolve(
              org.web3j.crypto.WalletUtils.generateWalletFile(
                  "kill-test", Fixtures.nodeKey(), keys.toFile(), false));
    } catch (org.web3j.crypto.exception.CipherException e) {
      throw new IOException(e);
    }
    Path password = Files.writeString(dir.resolve("node.key.password"), "kill-test\n");
    String props =
        String.join(
            "\n",
            brokerLine,
            "bridge.data.dir=" + dir.resolve("bridge-data"),
            "bridge.device.registry=" + Fixtures.REGISTRY,
            "bridge.directory.file=" + devices,
            "bridge.node.key.file=" + key,
            "bridge.node.key.password.file=" + password,
            "bridge.mqtt.client.id=kill-test-bridge",
            "bridge.store.url=" + storeUrl,
            "");
    return Files.writeString(dir.resolve("bridge.properties"), props);
  }
}
