package org.openvpp.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.openvpp.bridge.broker.BrokerMode;

class BridgeConfigTest {
  static final String REGISTRY = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

  @Test
  void everyKeyIsReadFromTheFile() {
    Properties p = new Properties();
    p.setProperty("bridge.broker.url", "ssl://broker:8883");
    p.setProperty("bridge.broker.mode", "External");
    p.setProperty("bridge.mosquitto.binary", "/opt/mosquitto/sbin/mosquitto");
    p.setProperty("bridge.embedded.bind", "0.0.0.0");
    p.setProperty("bridge.embedded.port", "1999");
    p.setProperty("bridge.data.dir", "/var/lib/vpp");
    p.setProperty("bridge.mqtt.client.id", "n1");
    p.setProperty("bridge.mqtt.username", "node");
    p.setProperty("bridge.mqtt.password", "s3cret");
    p.setProperty("bridge.mqtt.tls.truststore", "/etc/ca.p12");
    p.setProperty("bridge.mqtt.tls.truststore.password", "tspw");
    p.setProperty("bridge.mqtt.max.inflight", "77");
    p.setProperty("bridge.store.synchronous", "normal");
    p.setProperty("bridge.verifier.threads", "3");
    p.setProperty("bridge.chain.id", "1337");
    p.setProperty("bridge.device.registry", REGISTRY);
    p.setProperty("bridge.chain.rpc.url", "http://127.0.0.1:8545");
    p.setProperty("bridge.directory.file", "/etc/devices.csv");
    p.setProperty("bridge.node.key.file", "/etc/node.key");
    p.setProperty("bridge.node.key.password.file", "/etc/node.key.password");
    p.setProperty("bridge.dispatch.ack.timeout.ms", "1234");
    p.setProperty("bridge.dispatch.retention.ms", "60000");
    p.setProperty("bridge.dispatch.retention.max", "12");
    p.setProperty("bridge.heartbeat.interval.ms", "4000");
    p.setProperty("bridge.rejection.log.period.ms", "999");
    p.setProperty("bridge.receipt.interval.ms", "250");
    p.setProperty("bridge.ingest.connections", "3");
    p.setProperty("bridge.store.url", "jdbc:postgresql://db:5432/vpp?user=vpp&password=dbpw");
    assertThat(p.stringPropertyNames()).isEqualTo(BridgeConfig.DEFAULTS.keySet());
    BridgeConfig c = BridgeConfig.load(p, Map.of());
    assertThat(c.brokerUrl()).contains("ssl://broker:8883");
    assertThat(c.brokerMode()).isEqualTo(BrokerMode.EXTERNAL);
    assertThat(c.mosquittoBinary()).contains(Path.of("/opt/mosquitto/sbin/mosquitto"));
    assertThat(c.embeddedBind()).isEqualTo("0.0.0.0");
    assertThat(c.embeddedPort()).isEqualTo(1999);
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/vpp"));
    assertThat(c.clientId()).isEqualTo("n1");
    assertThat(c.username()).contains("node");
    assertThat(c.password()).contains("s3cret");
    assertThat(c.tlsTrustStore()).contains(Path.of("/etc/ca.p12"));
    assertThat(c.tlsTrustStorePassword()).contains("tspw");
    assertThat(c.maxInflight()).isEqualTo(77);
    assertThat(c.storeSynchronous()).isEqualTo("NORMAL");
    assertThat(c.storeUrl()).contains("jdbc:postgresql://db:5432/vpp?user=vpp&password=dbpw");
    assertThat(c.describe()).contains("store=jdbc:postgresql://db:5432/vpp").doesNotContain("dbpw");
    assertThat(c.verifierThreads()).isEqualTo(3);
    assertThat(c.chainId()).isEqualTo(BigInteger.valueOf(1337));
    assertThat(c.deviceRegistry()).isEqualTo(REGISTRY);
    assertThat(c.rpcUrl()).contains("http://127.0.0.1:8545");
    assertThat(c.directoryFile()).contains(Path.of("/etc/devices.csv"));
    assertThat(c.nodeKeyFile()).contains(Path.of("/etc/node.key"));
    assertThat(c.nodeKeyPasswordFile()).contains(Path.of("/etc/node.key.password"));
    assertThat(c.ackTimeoutMs()).isEqualTo(1234);
    assertThat(c.dispatchRetentionMs()).isEqualTo(60_000);
    assertThat(c.dispatchRetentionMax()).isEqualTo(12);
    assertThat(c.heartbeatIntervalMs()).isEqualTo(4000);
    assertThat(c.rejectionLogPeriodMs()).isEqualTo(999);
    assertThat(c.receiptIntervalMs()).isEqualTo(250);
    assertThat(c.ingestConnections()).isEqualTo(3);
  }

  @Test
  void environmentWinsOverFileAndFileOverDefault() {
    Properties p = new Properties();
    p.setProperty("bridge.device.registry", REGISTRY);
    p.setProperty("bridge.embedded.port", "2000");
    p.setProperty("bridge.mqtt.client.id", "from-file");
    BridgeConfig c = BridgeConfig.load(p, Map.of("VPP_BRIDGE_MQTT_CLIENT_ID", "from-env"));
    assertThat(c.clientId()).isEqualTo("from-env");
    assertThat(c.embeddedPort()).isEqualTo(2000);
    assertThat(c.brokerUrl()).isEmpty();
    assertThat(c.ackTimeoutMs()).isEqualTo(5000);
  }

  @Test
  void describeMasksSecrets() {
    Properties p = new Properties();
    p.setProperty("bridge.device.registry", REGISTRY);
    p.setProperty("bridge.mqtt.password", "s3cret");
    p.setProperty("bridge.mqtt.tls.truststore.password", "tspw");
    String text = BridgeConfig.load(p, Map.of()).describe();
    assertThat(text).doesNotContain("s3cret").doesNotContain("tspw").contains("password=***");
  }

  @Test
  void rejectsInvalidSettings() {
    Properties p = new Properties();
    p.setProperty("bridge.device.registry", "not-an-address");
    assertThatThrownBy(() -> BridgeConfig.load(p, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    p.setProperty("bridge.device.registry", REGISTRY);
    p.setProperty("bridge.heartbeat.interval.ms", "6000");
    assertThatThrownBy(() -> BridgeConfig.load(p, Map.of())).hasMessageContaining("heartbeat");
    p.setProperty("bridge.heartbeat.interval.ms", "5000");
    p.setProperty("bridge.dispatch.retention.max", "-1");
    assertThatThrownBy(() -> BridgeConfig.load(p, Map.of()))
        .hasMessageContaining("bridge.dispatch.retention");
  }

  @Test
  void aStoreUrlOfAnotherKindIsRefusedByName() {
    Properties p = new Properties();
    p.setProperty("bridge.device.registry", REGISTRY);
    p.setProperty("bridge.store.url", "jdbc:mysql://db/vpp?password=dbpw");
    assertThatThrownBy(() -> BridgeConfig.load(p, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bridge.store.url")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("dbpw"));
    Properties none = new Properties();
    none.setProperty("bridge.device.registry", REGISTRY);
    assertThat(BridgeConfig.load(none, Map.of()).storeUrl()).isEmpty();
  }

  @Test
  void theBrokerModeDefaultsToAutoAndAUrlMeansExternal() {
    Properties p = new Properties();
    p.setProperty("bridge.device.registry", REGISTRY);
    assertThat(BridgeConfig.load(p, Map.of()).brokerMode()).isEqualTo(BrokerMode.AUTO);
    assertThat(BridgeConfig.load(p, Map.of()).describe())
        .contains("broker=auto tcp://127.0.0.1:1883");
    p.setProperty("bridge.broker.url", "tcp://elsewhere:1883");
    assertThat(BridgeConfig.load(p, Map.of()).brokerMode()).isEqualTo(BrokerMode.EXTERNAL);
    p.remove("bridge.broker.url");
    p.setProperty("bridge.broker.mode", "EMBEDDED");
    assertThat(BridgeConfig.load(p, Map.of("VPP_BRIDGE_BROKER_MODE", "mosquitto")).brokerMode())
        .isEqualTo(BrokerMode.MOSQUITTO);
  }

  @Test
  void contradictoryOrUnknownBrokerModesAreRefusedByName() {
    Properties p = new Properties();
    p.setProperty("bridge.device.registry", REGISTRY);
    p.setProperty("bridge.broker.mode", "hivemq");
    assertThatThrownBy(() -> BridgeConfig.load(p, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'hivemq' is none of auto, mosquitto, embedded, external");
    p.setProperty("bridge.broker.mode", "external");
    assertThatThrownBy(() -> BridgeConfig.load(p, Map.of()))
        .hasMessageContaining("bridge.broker.mode is external but bridge.broker.url is empty");
    p.setProperty("bridge.broker.mode", "mosquitto");
    p.setProperty("bridge.broker.url", "tcp://elsewhere:1883");
    assertThatThrownBy(() -> BridgeConfig.load(p, Map.of()))
        .hasMessageContaining("bridge.broker.mode is mosquitto but bridge.broker.url is set");
    p.remove("bridge.broker.url");
    p.setProperty("bridge.embedded.port", "70000");
    assertThatThrownBy(() -> BridgeConfig.load(p, Map.of()))
        .hasMessageContaining("bridge.embedded.port 70000 is not 0..65535");
  }
}
