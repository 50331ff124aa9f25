package org.openvpp.gateway;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.TypedData;
import org.openvpp.contracts.keys.WalletFiles;
import org.openvpp.gateway.adapter.DeviceAdapter;
import org.openvpp.gateway.device.BoundDevice;
import org.openvpp.gateway.device.DeviceJournal;
import org.openvpp.gateway.device.DeviceProfile;
import org.openvpp.gateway.keys.GatewayKeyring;
import org.openvpp.gateway.ocpp.ChargerSettings;
import org.openvpp.gateway.ocpp.OcppAdapter;
import org.openvpp.gateway.ocpp.OcppConfig;
import org.openvpp.gateway.ocpp.OcppSettings;
import org.openvpp.gateway.sunspec.SunSpecAdapter;
import org.openvpp.gateway.sunspec.SunSpecConfig;
import org.openvpp.gateway.sunspec.SunSpecDeviceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway process: {@code run <config.properties>} starts every configured adapter and its
 * devices; {@code keys-init <config.properties>} creates the gateway's key and a key per configured
 * device where none exists yet and prints their addresses (for registration). The key password
 * comes from {@code gateway.keys.password-file} or {@code VPP_GATEWAY_KEY_PASSWORD}, never from an
 * argument.
 */
public final class GatewayMain {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

  static final String USAGE =
      """
      usage: gateway run|keys-init <config.properties>
        run        start every configured adapter (gateway.sunspec, gateway.ocpp) and its devices
                   until stopped
        keys-init  create the gateway's key and a key per configured device where none exists
                   yet; prints "localId address" lines for registration
      The key password comes from gateway.keys.password-file or VPP_GATEWAY_KEY_PASSWORD.
      Config keys: gateway/README.md and docs/devices.md.
      """;

  private GatewayMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && List.of("--help", "-h", "help").contains(args[0])) {
      System.out.print(USAGE);
      return;
    }
    if (args.length != 2 || !List.of("run", "keys-init").contains(args[0])) {
      System.err.print(USAGE);
      System.exit(2);
    }
    Map<String, String> props = load(Path.of(args[1]));
    if (args[0].equals("keys-init")) {
      keysInit(props, System.getenv()).forEach(System.out::println);
      return;
    }
    Gateway gateway = start(props, System.getenv(), Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.close();
                  stopped.countDown();
                },
                "gateway-shutdown"));
    stopped.await();
  }

  static Map<String, String> load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, String> m = new HashMap<>();
    p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
    return m;
  }

  /** Creates missing keys; returns "localId address" lines (the gateway itself as "gateway"). */
  static List<String> keysInit(Map<String, String> props, Map<String, String> env) {
    GatewayConfig config = GatewayConfig.parse(props);
    String password =
        config
            .passwordFile()
            .map(WalletFiles::readPasswordFile)
            .orElseGet(() -> env.get(GatewayKeyring.PASSWORD_ENV));
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException(
          "set gateway.keys.password-file or " + GatewayKeyring.PASSWORD_ENV);
    }
    GatewayKeyring ring = new GatewayKeyring(config.keysDir(), config.passwordFile(), env);
    List<String> out = new ArrayList<>();
    Path gw = config.keysDir().resolve(GatewayKeyring.GATEWAY_FILE);
    if (!Files.exists(gw)) {
      GatewayKeyring.create(gw, password, false);
    }
    out.add("gateway " + ring.gateway().getAddress());
    for (SunSpecDeviceConfig d : SunSpecConfig.parse(props).devices()) {
      if (!Files.exists(ring.deviceFile(d.localId()))) {
        GatewayKeyring.create(ring.deviceFile(d.localId()), password, false);
      }
      out.add(d.localId() + " " + ring.device(d.localId()).getAddress());
    }
    for (String id : OcppConfig.parse(props).chargers().keySet()) {
      if (!Files.exists(ring.deviceFile(id))) {
        GatewayKeyring.create(ring.deviceFile(id), password, false);
      }
      out.add(id + " " + ring.device(id).getAddress());
    }
    return out;
  }

  /** Unlocks the keys, connects every device and starts the adapters. */
  static Gateway start(Map<String, String> props, Map<String, String> env, Clock clock) {
    GatewayConfig config = GatewayConfig.parse(props);
    SunSpecConfig sunspec = SunSpecConfig.parse(props);
    GatewayKeyring ring = new GatewayKeyring(config.keysDir(), config.passwordFile(), env);
    TypedData typed = new TypedData(config.chainId(), config.deviceRegistry());
    Gateway gateway = new Gateway();
    if (!sunspec.devices().isEmpty()) {
      SunSpecAdapter adapter = new SunSpecAdapter(sunspec, clock);
      List<BoundDevice> devices = new ArrayList<>();
      for (SunSpecDeviceConfig d : sunspec.devices()) {
        devices.add(bind(config, ring, typed, d.localId(), d.profile(), adapter, clock));
      }
      gateway.add(adapter, devices);
    }
    OcppSettings ocpp = OcppConfig.parse(props);
    if (!ocpp.chargers().isEmpty()) {
      OcppAdapter adapter = new OcppAdapter(ocpp, clock);
      List<BoundDevice> devices = new ArrayList<>();
      for (ChargerSettings c : ocpp.chargers().values()) {
        devices.add(bind(config, ring, typed, c.identity(), OcppConfig.profile(c), adapter, clock));
      }
      gateway.add(adapter, devices);
    }
    LOG.info("gateway starting for node {} via {}", config.nodeAddress(), config.brokerUrl());
    return gateway.start();
  }

  /** One device behind {@code adapter}, signing with the key stored under {@code localId}. */
  private static BoundDevice bind(
      GatewayConfig config,
      GatewayKeyring ring,
      TypedData typed,
      String localId,
      DeviceProfile profile,
      DeviceAdapter adapter,
      Clock clock) {
    Signer signer = new Signer(typed, ring.device(localId).getEcKeyPair());
    return new BoundDevice(
        profile,
        signer,
        typed,
        config.brokerUrl(),
        config.nodeAddress(),
        // by address: a journal never continues under another key
        DeviceJournal.open(config.journalDir(), signer.address(), config.journalCapacity()),
        adapter,
        clock);
  }
}
