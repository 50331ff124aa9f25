package org.openvpp.bridge;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openvpp.bridge.broker.LocalBroker;
import org.openvpp.bridge.broker.LocalBrokers;
import org.openvpp.bridge.crypto.AddressRecovery;
import org.openvpp.bridge.directory.DeviceDirectory;
import org.openvpp.bridge.dispatch.DispatchExecutor;
import org.openvpp.bridge.dispatch.DispatchRetention;
import org.openvpp.bridge.fleet.FleetView;
import org.openvpp.bridge.ingest.ReadingPipeline;
import org.openvpp.bridge.mqtt.MqttClients;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.mqtt.MqttMessage;
import org.openvpp.bridge.mqtt.MqttSettings;
import org.openvpp.bridge.protocol.Heartbeat;
import org.openvpp.bridge.protocol.MessageCodec;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.TypedData;
import org.openvpp.bridge.store.ReadingStore;
import org.openvpp.bridge.store.ReadingStores;
import org.openvpp.bridge.verify.ReadingVerifier;
import org.openvpp.bridge.verify.RejectionCounter;
import org.openvpp.bridge.verify.RejectionLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.ECKeyPair;

/**
 * The bridge's composition root: broker (Mosquitto child, embedded or external), MQTT connection,
 * ingest pipeline, durable store, fleet view, dispatch executor and heartbeat.
 */
public final class DeviceBridge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceBridge.class);

  private final Optional<LocalBroker> broker;
  private final ReadingStore store;
  private final TypedData typed;
  private final RejectionCounter rejections;
  private final FleetView fleet;
  private final Signer nodeSigner;
  private final ExecutorService control;
  private final ScheduledExecutorService timers;
  private final AtomicLong heartbeatSequence;
  private final ReceiptSender receipts;
  private ReadingPipeline pipeline;
  private MqttConnection mqtt;
  private DispatchExecutor dispatcher;
  private MqttRouter router;
  private IngestConnections ingest;

  private DeviceBridge(
      Optional<LocalBroker> broker,
      ReadingStore store,
      TypedData typed,
      RejectionCounter rejections,
      FleetView fleet,
      Signer nodeSigner,
      Clock clock) {
    this.broker = broker;
    this.store = store;
    this.typed = typed;
    this.receipts = new ReceiptSender(store);
    this.rejections = rejections;
    this.fleet = fleet;
    this.nodeSigner = nodeSigner;
    this.control = Executors.newSingleThreadExecutor(r -> daemon(r, "bridge-control"));
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "bridge-timers"));
    this.heartbeatSequence = new AtomicLong(clock.millis());
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Starts every part and connects; returns when subscribed. */
  public static DeviceBridge start(
      BridgeConfig config,
      DeviceDirectory directory,
      ECKeyPair nodeKey,
      MeterRegistry metrics,
      Clock clock) {
    LOG.info("starting device bridge: {}", config.describe());
    Optional<LocalBroker> broker = LocalBrokers.start(config.brokerChoice());
    broker.ifPresent(b -> LOG.info("local MQTT broker: {}", b.description()));
    DeviceBridge bridge;
    try {
      bridge = assemble(config, broker, nodeKey, metrics, directory, clock);
    } catch (RuntimeException e) {
      broker.ifPresent(b -> closeAfter(e, "local broker", b::close));
      throw e;
    }
    try {
      bridge.wire(config, bridge.typed, directory, clock);
    } catch (RuntimeException e) {
      closeAfter(e, "device bridge", bridge::close);
      throw e;
    }
    return bridge;
  }

  /** Opens the store and builds the bridge; closes the store if building fails. */
  private static DeviceBridge assemble(
      BridgeConfig config,
      Optional<LocalBroker> broker,
      ECKeyPair nodeKey,
      MeterRegistry metrics,
      DeviceDirectory directory,
      Clock clock) {
    TypedData typed = new TypedData(config.chainId(), config.deviceRegistry());
    ReadingStore store =
        ReadingStores.open(
            config.storeUrl().orElse(""), mkdirs(config.dataDir()), config.storeSynchronous());
    try {
      return new DeviceBridge(
          broker,
          store,
          typed,
          new RejectionCounter(metrics),
          new FleetView(directory),
          new Signer(typed, nodeKey, true),
          clock);
    } catch (RuntimeException e) {
      closeAfter(e, "reading store", store::close);
      throw e;
    }
  }

  /** Runs a clean-up after a failure; its own failure is attached to the first one. */
  private static void closeAfter(RuntimeException failure, String what, Runnable close) {
    try {
      close.run();
    } catch (RuntimeException e) {
      LOG.warn("closing the {} after a failed start failed too", what);
      failure.addSuppressed(e);
    }
  }

  private static java.nio.file.Path mkdirs(java.nio.file.Path dir) {
    try {
      return java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + dir, e);
    }
  }

  private void wire(BridgeConfig config, TypedData typed, DeviceDirectory directory, Clock clock) {
    AddressRecovery recovery = AddressRecovery.fastest();
    LOG.info("signature recovery: {}", recovery.name());
    ReadingVerifier verifier =
        new ReadingVerifier(typed, recovery, directory, storedLookup(store), clock);
    RejectionLog rejectionLog = new RejectionLog(clock, config.rejectionLogPeriodMs());
    pipeline =
        new ReadingPipeline(
            verifier, store, rejections, rejectionLog, new Sink(), clock, config.verifierThreads());
    router = new MqttRouter(pipeline, fleet, control, this::onAck);
    mqtt = MqttClients.create(mqttSettings(config, config.clientId()), router);
    ingest = new IngestConnections(mqtt);
    receipts.connect(mqtt);
    dispatcher =
        new DispatchExecutor(
            nodeSigner,
            fleet,
            (topic, payload) -> mqtt.publish(topic, payload, 1, false),
            clock,
            config.ackTimeoutMs(),
            new DispatchRetention(config.dispatchRetentionMs(), config.dispatchRetentionMax()));
    mqtt.connect();
    for (String leaf : List.of(Topics.AVAILABILITY, Topics.LIMITS, Topics.ACK)) {
      mqtt.subscribe(Topics.allDevices(leaf), 1);
    }
    for (String filter :
        IngestConnections.readingFilters(config.ingestConnections(), config.clientId())) {
      mqtt.subscribe(filter, 1);
    }
    ingest.connectExtra(
        config.ingestConnections(),
        config.clientId(),
        clientId -> mqttSettings(config, clientId),
        router);
    timers.scheduleAtFixedRate(
        () -> heartbeat(clock), 0, config.heartbeatIntervalMs(), TimeUnit.MILLISECONDS);
    timers.scheduleAtFixedRate(
        () -> control.execute(dispatcher::tick), 100, 100, TimeUnit.MILLISECONDS);
    timers.scheduleAtFixedRate(
        receipts::flush,
        config.receiptIntervalMs(),
        config.receiptIntervalMs(),
        TimeUnit.MILLISECONDS);
    LOG.info(
        "device bridge ready: node {}, {} readings stored", nodeSigner.address(), store.count());
  }

  private MqttSettings mqttSettings(BridgeConfig config, String clientId) {
    String url = config.brokerUrl().orElseGet(() -> broker.orElseThrow().url());
    MqttSettings s =
        MqttSettings.of(url, clientId).withManualAcks(true).withMaxInflight(config.maxInflight());
    if (config.username().isPresent()) {
      s = s.withCredentials(config.username().get(), config.password().orElse(""));
    }
    if (config.tlsTrustStore().isPresent()) {
      s =
          s.withTls(
              new MqttSettings.TlsSettings(
                  config.tlsTrustStore().get(), config.tlsTrustStorePassword().orElse("")));
    }
    return s;
  }

  private void onAck(org.openvpp.bridge.protocol.CommandAck ack) {
    dispatcher.onAck(ack);
  }

  private void heartbeat(Clock clock) {
    try {
      Heartbeat h =
          new Heartbeat(nodeSigner.address(), heartbeatSequence.incrementAndGet(), clock.millis());
      mqtt.publish(
          Topics.heartbeat(nodeSigner.address()),
          MessageCodec.encode(nodeSigner.sign(h)),
          0,
          false);
    } catch (RuntimeException e) {
      LOG.warn("heartbeat not sent: {}", e.toString());
    }
  }

  /** Acknowledges stored readings, queues receipts and updates the fleet view. */
  private final class Sink implements ReadingPipeline.PipelineSink {
    @Override
    public void stored(List<ReadingPipeline.Accepted> batch) {
      for (ReadingPipeline.Accepted a : batch) {
        if (a.completesMessage()) {
          ingest.ack(a.message());
        }
        fleet.accept(a.reading().reading());
      }
    }

    @Override
    public void receiptable(String device, long sequence) {
      receipts.queue(device, sequence);
    }

    @Override
    public void handled(MqttMessage message) {
      ingest.ack(message);
    }

    @Override
    public void rejected(MqttMessage message, RejectionReason reason) {
      ingest.ack(message);
      if (reason == RejectionReason.DUPLICATE) {
        resendReceipt(message);
      }
    }
  }

  static ReadingVerifier.StoredLookup storedLookup(ReadingStore store) {
    return new ReadingVerifier.StoredLookup() {
      @Override
      public Optional<org.openvpp.bridge.protocol.SignedReading> find(String device, long seq) {
        return store.find(device, seq);
      }

      @Override
      public Optional<org.openvpp.bridge.protocol.SignedReading> previous(String device, long seq) {
        return store.previous(device, seq);
      }

      @Override
      public Optional<org.openvpp.bridge.protocol.SignedReading> next(String device, long seq) {
        return store.next(device, seq);
      }
    };
  }

  /**
   * A re-sent reading that is already stored: the device missed its receipt (or one is held back by
   * a gap before it), so it gets the current frontier again with the next flush.
   */
  private void resendReceipt(MqttMessage message) {
    Topics.parse(message.topic())
        .map(Topics.DeviceTopic::device)
        .ifPresent(device -> receipts.queue(device, pipeline.receiptFrontier(device)));
  }

  public FleetView fleet() {
    return fleet;
  }

  public DispatchExecutor dispatcher() {
    return dispatcher;
  }

  public RejectionCounter rejections() {
    return rejections;
  }

  public ReadingStore store() {
    return store;
  }

  public long storedCount() {
    return pipeline.storedCount();
  }

  public String nodeAddress() {
    return nodeSigner.address();
  }

  /** The URL of the broker this bridge started (Mosquitto or embedded), for devices. */
  public Optional<String> embeddedBrokerUrl() {
    return broker.map(LocalBroker::url);
  }

  /** The broker this bridge started and stops, if any. */
  public Optional<LocalBroker> localBroker() {
    return broker;
  }

  /**
   * Stops in the order that loses nothing: no new messages are taken, the pipeline stores and
   * acknowledges what it already holds, the receipts for it are saved and sent, and only then the
   * MQTT connection, the store and the local broker close. Every step runs even if one before it
   * failed; the first failure is thrown at the end.
   */
  @Override
  public void close() {
    List<RuntimeException> failures = new java.util.ArrayList<>();
    step(failures, () -> timers.shutdownNow());
    if (router != null) {
      step(failures, router::close);
    }
    if (pipeline != null) {
      step(failures, pipeline::close);
      step(failures, receipts::flush);
    }
    step(failures, this::stopControl);
    if (ingest != null) {
      step(failures, ingest::close);
    }
    if (mqtt != null) {
      step(failures, mqtt::close);
    }
    step(failures, store::close);
    broker.ifPresent(b -> step(failures, b::close));
    LOG.info("device bridge stopped");
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }

  private void stopControl() {
    control.shutdown();
    try {
      if (!control.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("control messages still running after 5 s; they stay unacknowledged");
        control.shutdownNow();
      }
    } catch (InterruptedException e) {
      control.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static void step(List<RuntimeException> failures, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      LOG.warn("closing the device bridge: {}", e.toString());
      failures.add(e);
    }
  }
}
