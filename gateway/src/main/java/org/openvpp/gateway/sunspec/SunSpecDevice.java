package org.openvpp.gateway.sunspec;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openvpp.gateway.adapter.AdapterSink;
import org.openvpp.gateway.adapter.ConnectionState;
import org.openvpp.gateway.adapter.FailureCounts;
import org.openvpp.gateway.adapter.FailureReason;
import org.openvpp.gateway.adapter.Setpoint;
import org.openvpp.gateway.adapter.SetpointResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SunSpec device: its own thread polls at the configured period (connect, discover the model
 * chain once per connection, read, report) and applies setpoints in between, so Modbus requests
 * never interleave. A failure is counted, the connection dropped, and the next poll starts over.
 */
final class SunSpecDevice implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SunSpecDevice.class);

  private final SunSpecDeviceConfig config;
  private final long periodMs;
  private final FailureCounts failures;
  private final Clock clock;
  private final ModbusLink link;
  private final ScheduledExecutorService thread;
  private volatile ConnectionState state = ConnectionState.CONNECTING;
  private AdapterSink sink;
  private ModelChain chain;
  private Optional<SunSpecReader.Storage> storage = Optional.empty();
  private Optional<SunSpecReader.Curtailment> curtailment = Optional.empty();

  SunSpecDevice(
      SunSpecDeviceConfig config, SunSpecConfig section, FailureCounts failures, Clock clock) {
    this.config = config;
    this.periodMs = section.pollPeriodMs();
    this.failures = failures;
    this.clock = clock;
    this.link = new ModbusLink(config.host(), config.port(), section.timeoutMs());
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sunspec-" + config.localId());
              t.setDaemon(true);
              return t;
            });
  }

  void start(AdapterSink sink) {
    this.sink = sink;
    sink.connection(config.localId(), state);
    thread.scheduleWithFixedDelay(this::poll, 0, periodMs, TimeUnit.MILLISECONDS);
  }

  ConnectionState state() {
    return state;
  }

  /** Discovered chain (null before the first successful discovery): for tests and the API. */
  ModelChain chain() {
    return chain;
  }

  private void poll() {
    try {
      if (chain == null || !link.connected()) {
        chain = Discovery.discover(link, config.unit());
        LOG.info("{}: SunSpec chain {} at {}", config.localId(), chain.ids(), chain.base());
      }
      SunSpecReader.Sample s =
          SunSpecReader.read(link, config.unit(), chain, config, clock.millis());
      storage = s.storage();
      curtailment = s.curtailment();
      moveTo(ConnectionState.CONNECTED);
      sink.measured(s.measurement());
    } catch (SunSpecException e) {
      fail(e);
    } catch (RuntimeException e) {
      // a bug must not end the poll loop; counted so it is seen
      failures.count(config.localId(), FailureReason.MALFORMED);
      LOG.error("{}: poll failed", config.localId(), e);
    }
  }

  CompletableFuture<SetpointResult> apply(Setpoint setpoint) {
    CompletableFuture<SetpointResult> f = new CompletableFuture<>();
    thread.execute(
        () -> {
          try {
            long applied =
                config.role() == SunSpecRole.BATTERY ? store(setpoint) : curtail(setpoint);
            f.complete(SetpointResult.applied(applied));
          } catch (SunSpecException e) {
            fail(e);
            f.complete(SetpointResult.failed(e.reason(), e.getMessage()));
          } catch (RuntimeException e) {
            f.completeExceptionally(e);
          }
        });
    return f;
  }

  private long store(Setpoint setpoint) throws SunSpecException {
    if (storage.isEmpty()) {
      throw new SunSpecException(FailureReason.DISCOVERY, "storage model not read yet");
    }
    return StorageControl.apply(link, config.unit(), storage.get(), setpoint, clock.millis());
  }

  private long curtail(Setpoint setpoint) throws SunSpecException {
    if (curtailment.isEmpty()) {
      // Not a connection fault: the inverter stays connected and keeps reporting, it just has
      // no immediate controls (or has not been read yet), so it cannot take a power limit.
      throw new SunSpecException(
          FailureReason.SETPOINT_REJECTED,
          chain == null
              ? "inverter not discovered yet"
              : "no immediate controls model 123 in chain " + chain.ids());
    }
    return InverterControl.apply(link, config.unit(), curtailment.get(), setpoint, clock.millis());
  }

  private void fail(SunSpecException e) {
    failures.count(config.localId(), e.reason());
    LOG.debug("{}: {} ({})", config.localId(), e.getMessage(), e.reason());
    switch (e.reason()) {
      case CONNECTION_LOST, TIMEOUT -> {
        chain = null; // rediscover after a reconnect: the device may have been replaced
        moveTo(
            state == ConnectionState.CONNECTED || state == ConnectionState.DISCONNECTED
                ? ConnectionState.DISCONNECTED
                : ConnectionState.CONNECTING);
      }
      case DISCOVERY -> {
        chain = null;
        link.close();
        moveTo(ConnectionState.FAILED);
      }
      default -> {
        // bad values on a working connection: the device stays connected, the sample is dropped
      }
    }
  }

  private void moveTo(ConnectionState next) {
    if (state != next) {
      state = next;
      sink.connection(config.localId(), next);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    link.close();
  }
}
