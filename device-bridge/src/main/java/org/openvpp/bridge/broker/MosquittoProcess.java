package org.openvpp.bridge.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mosquitto as a child process of the bridge (docs/adr/0004): its own generated config on the
 * configured (or a free) port, started under a small watchdog shell that stops it when this JVM is
 * gone even after SIGKILL, restarted on the same port if it dies while the bridge runs, and stopped
 * with SIGTERM on {@link #close()}.
 */
public final class MosquittoProcess implements LocalBroker {
  private static final Logger LOG = LoggerFactory.getLogger(MosquittoProcess.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final long MAX_RESTART_DELAY_MS = 30_000;
  private static final int FREE_PORT_ATTEMPTS = 3;

  /**
   * $1 the JVM's pid, then the broker command. Polls every 0.5 s whether the JVM is alive; when it
   * is gone, or the shell gets TERM, the broker gets TERM. The shell exits with the broker's
   * status.
   */
  private static final String WATCHDOG =
      "jvm=$1; shift; \"$@\" & child=$!; "
          + "trap 'kill $child 2>/dev/null; wait $child; exit $?' TERM INT HUP; "
          + "while kill -0 $jvm 2>/dev/null && kill -0 $child 2>/dev/null; do"
          + " sleep 0.5 & wait $!; done; "
          + "kill $child 2>/dev/null; wait $child; exit $?";

  private final MosquittoSettings settings;
  private final Path binary;
  private final int port;
  private final MosquittoLog log;
  private final ScheduledExecutorService supervisor;
  private Process watchdog; // guarded by this
  private boolean closed; // guarded by this
  private int restarts; // guarded by this
  private long restartDelayMs = 1_000; // guarded by this

  private MosquittoProcess(MosquittoSettings settings, Path binary, int port) {
    this.settings = settings;
    this.binary = binary;
    this.port = port;
    this.log = new MosquittoLog(settings.dir().resolve("mosquitto.log"));
    this.supervisor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mosquitto-supervisor");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts Mosquitto and returns once it listens.
   *
   * @throws BrokerStartException naming the binary, port, config or log line that failed
   */
  public static MosquittoProcess start(MosquittoSettings settings) {
    Path binary =
        MosquittoBinary.locate(settings.binary())
            .orElseThrow(
                () ->
                    new BrokerStartException(
                        BrokerStartException.Reason.BINARY_MISSING,
                        settings
                            .binary()
                            .map(b -> "mosquitto binary " + b + " is missing or not executable")
                            .orElse(
                                "no mosquitto binary on PATH, /usr/sbin or /usr/local/sbin"
                                    + " (install the mosquitto package or set the binary)")));
    BrokerStartException last = null;
    int attempts = settings.port() == 0 ? FREE_PORT_ATTEMPTS : 1;
    for (int i = 0; i < attempts; i++) {
      int port = settings.port() == 0 ? freePort(settings.bindAddress()) : settings.port();
      MosquittoProcess p = new MosquittoProcess(settings, binary, port);
      try {
        synchronized (p) {
          p.launch(true);
        }
        LOG.info("{} listening (config {})", p.description(), p.configFile());
        return p;
      } catch (BrokerStartException e) {
        p.supervisor.shutdownNow();
        last = e; // a free port may be taken between probe and bind: try another
        if (e.reason() != BrokerStartException.Reason.PORT_IN_USE) {
          break;
        }
      }
    }
    throw last;
  }

  /** Writes the config, starts the watchdog and broker, waits until the broker listens. */
  private void launch(boolean first) {
    checkPortFree();
    try {
      MosquittoConfig.write(configFile(), settings, port);
      log.begin(first);
    } catch (IOException e) {
      throw new BrokerStartException(
          BrokerStartException.Reason.BAD_CONFIG,
          "cannot write the mosquitto config in " + settings.dir() + ": " + e.getMessage(),
          e);
    }
    List<String> command =
        List.of(
            "/bin/sh",
            "-c",
            WATCHDOG,
            "mosquitto-watchdog",
            String.valueOf(ProcessHandle.current().pid()),
            binary.toString(),
            "-c",
            configFile().toString());
    Process started;
    try {
      started =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
              .start();
    } catch (IOException e) {
      throw new BrokerStartException(
          BrokerStartException.Reason.EXITED, "cannot run " + binary + ": " + e.getMessage(), e);
    }
    try {
      awaitListening(started);
    } catch (RuntimeException e) {
      stop(started);
      throw e;
    }
    watchdog = started;
    started.onExit().thenAccept(this::exited);
  }

  /** A taken port would let the readiness probe reach someone else's listener: refuse early. */
  private void checkPortFree() {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(settings.bindAddress()), port));
    } catch (java.net.UnknownHostException e) {
      throw new BrokerStartException(
          BrokerStartException.Reason.BAD_CONFIG,
          "mosquitto bind address " + settings.bindAddress() + " does not resolve",
          e);
    } catch (java.net.BindException e) {
      throw new BrokerStartException(
          e.getMessage() != null && e.getMessage().contains("in use")
              ? BrokerStartException.Reason.PORT_IN_USE
              : BrokerStartException.Reason.BAD_CONFIG,
          "cannot listen on " + settings.bindAddress() + ":" + port + ": " + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitListening(Process started) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!started.isAlive()) {
        throw log.startFailure(started.exitValue(), binary, settings.bindAddress(), port);
      }
      if (log.running() && accepts()) {
        return;
      }
      pause(5);
    }
    throw new BrokerStartException(
        BrokerStartException.Reason.NOT_READY,
        "mosquitto did not listen on "
            + settings.bindAddress()
            + ":"
            + port
            + " within "
            + READY_TIMEOUT.toSeconds()
            + " s; log: "
            + log.tail());
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(connectAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A wildcard bind is reached on loopback. */
  private String connectAddress() {
    String b = settings.bindAddress();
    return b.equals("0.0.0.0") || b.equals("::") ? "127.0.0.1" : b;
  }

  /** The broker died while the bridge runs: restart it on the same port, backing off to 30 s. */
  private synchronized void exited(Process which) {
    if (closed || which != watchdog) {
      return;
    }
    LOG.error(
        "mosquitto exited unexpectedly (status {}); restarting in {} ms; log: {}",
        which.exitValue(),
        restartDelayMs,
        log.tail());
    scheduleRestart();
  }

  private void scheduleRestart() {
    long delay = restartDelayMs;
    restartDelayMs = Math.min(MAX_RESTART_DELAY_MS, restartDelayMs * 2);
    supervisor.schedule(this::restart, delay, TimeUnit.MILLISECONDS);
  }

  private synchronized void restart() {
    if (closed) {
      return;
    }
    try {
      launch(false);
      restarts++;
      restartDelayMs = 1_000;
      LOG.warn("{} restarted (restart {})", description(), restarts);
    } catch (RuntimeException e) {
      LOG.error("mosquitto restart failed: {}; next try in {} ms", e.getMessage(), restartDelayMs);
      scheduleRestart();
    }
  }

  @Override
  public String url() {
    return "tcp://" + connectAddress() + ":" + port;
  }

  public int port() {
    return port;
  }

  public Path configFile() {
    return settings.dir().resolve("mosquitto.conf");
  }

  /** Times the broker was restarted after dying on its own. */
  public synchronized int restarts() {
    return restarts;
  }

  /** The broker's own pid (the watchdog shell's child), or -1 while it is down. */
  public synchronized long pid() {
    if (watchdog == null || !watchdog.isAlive()) {
      return -1;
    }
    return watchdog.children().findFirst().map(ProcessHandle::pid).orElse(-1L);
  }

  @Override
  public synchronized String description() {
    return "mosquitto " + log.version() + " pid " + pid() + " " + url();
  }

  /** SIGTERM to the broker (it closes its clients' connections cleanly), SIGKILL after 5 s. */
  @Override
  public void close() {
    Process p;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      p = watchdog;
    }
    supervisor.shutdownNow();
    if (p != null) {
      stop(p);
    }
    LOG.info("mosquitto on port {} stopped", port);
  }

  /**
   * TERM to the watchdog shell, which passes it to the broker and exits when the broker has; after
   * 5 s both are killed.
   */
  private static void stop(Process shell) {
    List<ProcessHandle> children = shell.children().toList();
    shell.destroy();
    try {
      if (!shell.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("mosquitto did not stop within {} s; killing it", STOP_TIMEOUT.toSeconds());
        children.forEach(ProcessHandle::destroyForcibly);
        shell.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      children.forEach(ProcessHandle::destroyForcibly);
      shell.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort(String bindAddress) {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(bindAddress))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new BrokerStartException(
          BrokerStartException.Reason.BAD_CONFIG,
          "no free port on " + bindAddress + ": " + e.getMessage(),
          e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis); // polling the child's start, bounded by READY_TIMEOUT
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerStartException(
          BrokerStartException.Reason.NOT_READY, "interrupted while mosquitto started", e);
    }
  }
}
