package org.openvpp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.BridgeConfig;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.testkit.MosquittoBroker;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.testing.Await;

/** An external broker by URL with TLS and user/password: Mosquitto with a test CA. */
class TlsBrokerIT {
  @TempDir Path dir;

  @Test
  void connectsOverTlsWithCredentialsAndStoresAReadingFromAnIndependentTlsClient()
      throws Exception {
    makeCertificates();
    run(dir, "mosquitto_passwd", "-b", "-c", dir.resolve("passwd").toString(), "node", "n0de-pw");
    run(dir, "mosquitto_passwd", "-b", dir.resolve("passwd").toString(), "dev", "dev-pw");
    try (MosquittoBroker broker =
        MosquittoBroker.start(
            dir.resolve("mosquitto"),
            List.of(
                "cafile " + dir.resolve("ca.pem"),
                "certfile " + dir.resolve("server.pem"),
                "keyfile " + dir.resolve("server.key"),
                "allow_anonymous false",
                "password_file " + dir.resolve("passwd")))) {
      Signer device = Fixtures.signer(6_001);
      InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
      directory.put(Fixtures.battery(device.address(), 5_000, 10_000));
      String url = "ssl://127.0.0.1:" + broker.port();
      assertThatThrownBy(() -> start(url, "wrong-pw", directory))
          .isInstanceOf(RuntimeException.class);
      try (DeviceBridge bridge = start(url, "n0de-pw", directory)) {
        MeterReading r =
            new MeterReading(device.address(), 1, System.currentTimeMillis(), 1, 0, -10, 500);
        run(
            dir,
            "mosquitto_pub",
            "-h",
            "127.0.0.1",
            "-p",
            String.valueOf(broker.port()),
            "-V",
            "mqttv5",
            "--cafile",
            dir.resolve("ca.pem").toString(),
            "-u",
            "dev",
            "-P",
            "dev-pw",
            "-q",
            "1",
            "-t",
            Topics.device(device.address(), Topics.READING),
            "-m",
            new String(WireCodec.encode(device.sign(r))));
        Await.until(Duration.ofSeconds(10), () -> bridge.storedCount() == 1, "reading over TLS");
        assertThat(bridge.store().find(device.address(), 1)).isPresent();
      }
    }
  }

  private DeviceBridge start(String url, String password, InMemoryDeviceDirectory directory) {
    Properties p = new Properties();
    p.setProperty("bridge.broker.url", url);
    p.setProperty("bridge.data.dir", dir.resolve("bridge").toString());
    p.setProperty("bridge.device.registry", Fixtures.REGISTRY);
    p.setProperty("bridge.mqtt.username", "node");
    p.setProperty("bridge.mqtt.tls.truststore", dir.resolve("trust.p12").toString());
    p.setProperty("bridge.mqtt.tls.truststore.password", "changeit");
    BridgeConfig config = BridgeConfig.load(p, Map.of("VPP_BRIDGE_MQTT_PASSWORD", password));
    return DeviceBridge.start(
        config, directory, Fixtures.nodeKey(), new SimpleMeterRegistry(), Clock.systemUTC());
  }

  private void makeCertificates() throws IOException, InterruptedException {
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    run(
        dir,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-subj",
        "/CN=openvpp-test-ca");
    run(
        dir,
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1");
    run(
        dir,
        "openssl",
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "san.ext");
    run(
        dir,
        "keytool",
        "-importcert",
        "-noprompt",
        "-storetype",
        "PKCS12",
        "-keystore",
        "trust.p12",
        "-storepass",
        "changeit",
        "-alias",
        "ca",
        "-file",
        "ca.pem");
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(out));
    }
  }
}
