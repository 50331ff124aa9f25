package org.openvpp.gateway;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.openvpp.bridge.BridgeConfig;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.bridge.directory.DeviceStatus;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.directory.RegisteredDevice;
import org.openvpp.contracts.identity.Assurance;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.gateway.keys.GatewayKeyring;
import org.web3j.crypto.ECKeyPair;

/**
 * The set-up the end-to-end gateway tests share: device keys in wallet files under {@code
 * <dir>/keys}, a real DeviceBridge (embedded broker, SQLite store) that knows the devices as bound
 * to one gateway, and the gateway config keys that point at that bridge.
 */
public final class GatewayTestBench {
  public static final String REGISTRY = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
  public static final String GATEWAY = "0x00000000000000000000000000000000000000aa";
  public static final String PASSWORD = "test password";

  private GatewayTestBench() {}

  /** The environment that gives the gateway its key password. */
  public static Map<String, String> env() {
    return Map.of(GatewayKeyring.PASSWORD_ENV, PASSWORD);
  }

  /** Creates the wallet file of {@code localId} under {@code <dir>/keys}; returns its address. */
  public static String deviceKey(Path dir, String localId) {
    GatewayKeyring ring = new GatewayKeyring(dir.resolve("keys"), Optional.empty(), env());
    return GatewayKeyring.create(ring.deviceFile(localId), PASSWORD, true);
  }

  /** An active device registered behind {@link #GATEWAY}. */
  public static RegisteredDevice registered(
      String address, DeviceClass cls, long ratedPowerW, long capacityWh) {
    return new RegisteredDevice(
        address,
        DeviceStatus.ACTIVE,
        cls,
        0,
        ratedPowerW,
        capacityWh,
        "0x" + "0".repeat(40),
        GATEWAY,
        Assurance.GATEWAY_SIGNED);
  }

  /** A bridge with its own embedded broker and data under {@code <dir>/bridge}. */
  public static DeviceBridge startBridge(Path dir, InMemoryDeviceDirectory directory, long nodeKey)
      throws Exception {
    Properties p = new Properties();
    p.setProperty("bridge.embedded.port", String.valueOf(freePort()));
    p.setProperty("bridge.data.dir", dir.resolve("bridge").toString());
    p.setProperty("bridge.device.registry", REGISTRY);
    p.setProperty("bridge.heartbeat.interval.ms", "300");
    p.setProperty("bridge.dispatch.ack.timeout.ms", "5000");
    return DeviceBridge.start(
        BridgeConfig.load(p, Map.of()),
        directory,
        ECKeyPair.create(BigInteger.valueOf(nodeKey)),
        new SimpleMeterRegistry(),
        Clock.systemUTC());
  }

  /** The gateway keys pointing at {@code bridge}, followed by {@code section}'s own keys. */
  public static Map<String, String> props(
      DeviceBridge bridge, Path dir, Map<String, String> section) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("gateway.broker.url", bridge.embeddedBrokerUrl().orElseThrow());
    props.put("gateway.node.address", bridge.nodeAddress());
    props.put("gateway.chain.id", "31337");
    props.put("gateway.device.registry", REGISTRY);
    props.put("gateway.keys.dir", dir.resolve("keys").toString());
    props.put("gateway.journal.dir", dir.resolve("journal").toString());
    props.putAll(section);
    return Map.copyOf(props);
  }

  /** Starts the gateway through the process's own start path (GatewayMain run), in this JVM. */
  public static Gateway startGateway(Map<String, String> props) {
    return GatewayMain.start(props, env(), Clock.systemUTC());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
