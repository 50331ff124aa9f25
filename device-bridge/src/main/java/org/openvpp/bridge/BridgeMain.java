package org.openvpp.bridge;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.openvpp.bridge.directory.DeviceDirectory;
import org.openvpp.bridge.directory.DirectoryFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.ECKeyPair;

/**
 * Runs the bridge on its own: {@code java -cp … org.openvpp.bridge.BridgeMain --config
 * bridge.properties}. Keys are read from files named in the configuration, never from arguments.
 */
public final class BridgeMain {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeMain.class);

  private BridgeMain() {}

  public static void main(String[] args) throws InterruptedException {
    Properties file = new Properties();
    if (args.length == 2 && args[0].equals("--config")) {
      try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
        file.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + args[1], e);
      }
    } else if (args.length != 0) {
      throw new IllegalArgumentException("usage: BridgeMain [--config bridge.properties]");
    }
    BridgeConfig config = BridgeConfig.load(file, System.getenv());
    DeviceBridge bridge =
        DeviceBridge.start(
            config,
            directory(config),
            nodeKey(config),
            new SimpleMeterRegistry(),
            Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  bridge.close();
                  stopped.countDown();
                }));
    stopped.await();
  }

  private static DeviceDirectory directory(BridgeConfig config) {
    if (config.directoryFile().isPresent()) {
      return DirectoryFile.load(config.directoryFile().get());
    }
    if (config.rpcUrl().isPresent()) {
      return org.openvpp.bridge.directory.ChainDeviceDirectory.connect(
          config.rpcUrl().get(), config.deviceRegistry());
    }
    throw new IllegalArgumentException(
        "set bridge.directory.file or bridge.chain.rpc.url so the bridge knows the devices");
  }

  private static ECKeyPair nodeKey(BridgeConfig config) {
    Path path =
        config
            .nodeKeyFile()
            .orElseThrow(() -> new IllegalArgumentException("bridge.node.key.file is required"));
    ECKeyPair key = NodeKeyFile.load(path, config.nodeKeyPasswordFile(), System.getenv());
    LOG.info("node key unlocked from {}", path);
    return key;
  }
}
