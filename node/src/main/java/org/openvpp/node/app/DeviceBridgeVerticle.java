package org.openvpp.node.app;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import java.util.Map;
import java.util.Properties;
import org.openvpp.bridge.BridgeConfig;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.contracts.keys.WalletFiles;
import org.openvpp.node.config.NodeConfig;

/**
 * Runs the device bridge: the node's own broker (Mosquitto or embedded; or a connection to the
 * external one), reading ingest, fleet view and dispatch. Its start and stop block (broker start,
 * MQTT connect, SQLite), so both run on a worker thread.
 */
final class DeviceBridgeVerticle extends AbstractVerticle {
  private final NodeContext context;
  private volatile DeviceBridge bridge;

  DeviceBridgeVerticle(NodeContext context) {
    this.context = context;
  }

  @Override
  public void start(Promise<Void> started) {
    vertx
        .<DeviceBridge>executeBlocking(
            () ->
                DeviceBridge.start(
                    bridgeConfig(context), // reads the broker's secret files: a worker's job
                    context.devices(),
                    context.keys().chain().getEcKeyPair(),
                    context.metrics(),
                    context.clock()))
        .onSuccess(b -> bridge = b)
        .<Void>mapEmpty()
        .onComplete(started);
  }

  @Override
  public void stop(Promise<Void> stopped) {
    if (bridge == null) {
      stopped.complete();
      return;
    }
    vertx
        .<Void>executeBlocking(
            () -> {
              bridge.close();
              return null;
            })
        .onComplete(stopped);
  }

  /** The running bridge, for the parts started after this one. */
  DeviceBridge bridge() {
    if (bridge == null) {
      throw new IllegalStateException("the device bridge is not started");
    }
    return bridge;
  }

  /**
   * The bridge's settings from the node's: broker, data under the node's data directory, chain id
   * and DeviceRegistry of the deployment, the reading store. Other bridge keys keep their defaults
   * (device-bridge README); the bridge's own VPP_BRIDGE_* variables are not read inside the node.
   * The external broker's sign-in and the bridge's tuning come from the node's {@code broker.*} and
   * {@code bridge.*} keys.
   */
  static BridgeConfig bridgeConfig(NodeContext context) {
    NodeConfig c = context.config();
    Properties p = new Properties();
    p.setProperty("bridge.broker.url", c.broker().url().orElse(""));
    p.setProperty("bridge.broker.mode", c.broker().mode());
    p.setProperty("bridge.embedded.bind", c.broker().embeddedBind());
    p.setProperty("bridge.embedded.port", String.valueOf(c.broker().embeddedPort()));
    c.broker()
        .mosquittoBinary()
        .ifPresent(b -> p.setProperty("bridge.mosquitto.binary", b.toString()));
    NodeConfig.Credentials auth = c.broker().credentials();
    auth.username().ifPresent(u -> p.setProperty("bridge.mqtt.username", u));
    auth.passwordFile()
        .ifPresent(f -> p.setProperty("bridge.mqtt.password", WalletFiles.readPasswordFile(f)));
    auth.truststore().ifPresent(f -> p.setProperty("bridge.mqtt.tls.truststore", f.toString()));
    auth.truststorePasswordFile()
        .ifPresent(
            f ->
                p.setProperty(
                    "bridge.mqtt.tls.truststore.password", WalletFiles.readPasswordFile(f)));
    NodeConfig.Bridge tuning = c.bridge();
    p.setProperty("bridge.heartbeat.interval.ms", String.valueOf(tuning.heartbeatIntervalMs()));
    p.setProperty("bridge.dispatch.ack.timeout.ms", String.valueOf(tuning.dispatchAckTimeoutMs()));
    if (tuning.verifierThreads() > 0) {
      p.setProperty("bridge.verifier.threads", String.valueOf(tuning.verifierThreads()));
    }
    p.setProperty("bridge.store.synchronous", tuning.storeSynchronous());
    p.setProperty("bridge.data.dir", c.dataDir().resolve("bridge").toString());
    p.setProperty("bridge.chain.id", String.valueOf(c.chain().id()));
    p.setProperty("bridge.device.registry", context.deployment().deviceRegistry());
    p.setProperty("bridge.chain.rpc.url", c.chain().rpcUrl().toString());
    // On PostgreSQL the readings live in the node's database; an SQLite node keeps them in the
    // bridge's own file, so two connection pools never contend for one SQLite writer lock.
    if (c.databaseUrl().startsWith("jdbc:postgresql:")) {
      p.setProperty("bridge.store.url", c.databaseUrl());
    }
    return BridgeConfig.load(p, Map.of());
  }
}
