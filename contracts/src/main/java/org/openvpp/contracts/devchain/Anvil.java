package org.openvpp.contracts.devchain;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * A real Anvil dev chain in a child process on a loopback port. {@link #close()} stops it, and a
 * JVM shutdown hook stops any instance still running, so a failing test leaves no orphan.
 *
 * <p>The Anvil binary is run directly (not through the npm {@code .bin} Node wrapper, which leaves
 * a zombie when killed).
 */
public final class Anvil implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Anvil.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
  private static final int START_ATTEMPTS = 3;
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> RUNNING.forEach(Anvil::stop), "anvil-reaper"));
  }

  private final Process process;
  private final Path home;
  private final int port;
  private final long chainId;
  private final String mnemonic;
  private final HttpService service;
  private final Web3j web3j;
  private final Path logFile;

  private Anvil(Process process, int port, Options options, Path logFile, Path home) {
    this.process = process;
    this.home = home;
    this.port = port;
    this.chainId = options.chainId();
    this.mnemonic = options.mnemonic();
    this.logFile = logFile;
    this.service = new HttpService(rpcUrl(port));
    this.web3j = Web3j.build(service);
  }

  /**
   * Start options. {@code port} 0 picks a free port; {@code blockTimeSeconds} 0 mines one block per
   * transaction (automine).
   */
  public record Options(
      int port, long chainId, int accounts, String mnemonic, int blockTimeSeconds, Path stateFile) {
    public static Options defaults() {
      return new Options(0, 31337, 10, DevAccounts.TEST_MNEMONIC, 0, null);
    }

    public Options withPort(int port) {
      return new Options(port, chainId, accounts, mnemonic, blockTimeSeconds, stateFile);
    }

    public Options withChainId(long chainId) {
      return new Options(port, chainId, accounts, mnemonic, blockTimeSeconds, stateFile);
    }

    public Options withBlockTime(int seconds) {
      return new Options(port, chainId, accounts, mnemonic, seconds, stateFile);
    }
  }

  public static Anvil start() {
    return start(Options.defaults());
  }

  public static Anvil start(Options options) {
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = options.port() != 0 ? options.port() : freePort();
      try {
        return launch(port, options);
      } catch (IllegalStateException e) {
        last = e; // the free port may have been taken between probe and bind: try another
        if (options.port() != 0) {
          break;
        }
      }
    }
    throw last;
  }

  private static Anvil launch(int port, Options options) {
    List<String> command = new ArrayList<>();
    command.add(Toolchain.anvil().toString());
    command.addAll(
        List.of(
            "--host", "127.0.0.1",
            "--port", String.valueOf(port),
            "--chain-id", String.valueOf(options.chainId()),
            "--accounts", String.valueOf(options.accounts()),
            "--mnemonic", options.mnemonic(),
            "--gas-limit", "60000000"));
    if (options.blockTimeSeconds() > 0) {
      command.addAll(List.of("--block-time", String.valueOf(options.blockTimeSeconds())));
    }
    if (options.stateFile() != null) {
      command.addAll(List.of("--state", options.stateFile().toString()));
    }
    Path log;
    Path home;
    Process process;
    try {
      log = Files.createTempFile("anvil-" + port + "-", ".log");
      // Anvil spills old block states under $HOME/.foundry/anvil/tmp and never removes them when
      // it is stopped; across test runs that grew to tens of GB. Each instance gets a home of its
      // own, removed when the instance stops (by close() or by the watchdog).
      home = Files.createTempDirectory("anvil-home-" + port + "-");
      ProcessBuilder builder =
          new ProcessBuilder(underWatchdog(home, command))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("HOME", home.toString());
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start anvil: " + e.getMessage(), e);
    }
    RUNNING.add(process);
    Anvil anvil = new Anvil(process, port, options, log, home);
    try {
      anvil.awaitReady();
    } catch (RuntimeException e) {
      anvil.close();
      throw e;
    }
    LOG.info(
        "anvil ready on {} (chain id {}, pid {})",
        anvil.rpcUrl(),
        options.chainId(),
        process.pid());
    return anvil;
  }

  /**
   * Runs Anvil under a small shell that kills it when this JVM is gone, even if the JVM dies by
   * SIGKILL (no shutdown hook runs then), or when the shell itself is told to stop.
   */
  private static List<String> underWatchdog(Path home, List<String> anvilCommand) {
    List<String> wrapped = new ArrayList<>();
    wrapped.add("/bin/sh");
    wrapped.add("-c");
    wrapped.add(WATCHDOG);
    wrapped.add("anvil-watchdog");
    wrapped.add(String.valueOf(ProcessHandle.current().pid()));
    wrapped.add(home.toString());
    wrapped.addAll(anvilCommand);
    return wrapped;
  }

  /** $1 the JVM's pid, $2 the instance's own temporary home (removed when Anvil is gone). */
  private static final String WATCHDOG =
      "jvm=$1; home=$2; shift 2; \"$@\" & child=$!; "
          + "trap 'kill $child 2>/dev/null; wait $child 2>/dev/null; rm -rf -- \"$home\"; exit 0'"
          + " TERM INT HUP; "
          + "while kill -0 $jvm 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.2; done; "
          + "kill $child 2>/dev/null; wait $child 2>/dev/null; rm -rf -- \"$home\"";

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("anvil exited at start: " + tail());
      }
      try {
        BigInteger id = web3j.ethChainId().send().getChainId();
        if (id != null && id.longValueExact() == chainId) {
          return;
        }
      } catch (IOException | RuntimeException notYet) {
        // not listening yet
      }
      sleep(25);
    }
    throw new IllegalStateException("anvil not ready after " + READY_TIMEOUT + ": " + tail());
  }

  public String rpcUrl() {
    return rpcUrl(port);
  }

  private static String rpcUrl(int port) {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long chainId() {
    return chainId;
  }

  public Web3j web3j() {
    return web3j;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** The i-th funded account (10,000 ETH each by default). */
  public Credentials credentials(int index) {
    return DevAccounts.derive(mnemonic, index);
  }

  /** Advances chain time by {@code seconds} and mines a block (evm_increaseTime + evm_mine). */
  public void increaseTime(long seconds) {
    rpc("evm_increaseTime", List.of(seconds));
    mine();
  }

  /** Timestamp of the latest block, seconds. */
  public long latestTimestamp() {
    try {
      return web3j
          .ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false)
          .send()
          .getBlock()
          .getTimestamp()
          .longValueExact();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the latest block", e);
    }
  }

  /** Moves chain time to at least {@code timestamp} (mining a block there); never backwards. */
  public void warpTo(long timestamp) {
    long delta = timestamp - latestTimestamp();
    if (delta > 0) {
      increaseTime(delta);
    }
  }

  /** Mines one block now. */
  public void mine() {
    rpc("evm_mine", List.of());
  }

  /** Mines {@code blocks} empty blocks now. */
  public void mine(int blocks) {
    rpc("anvil_mine", List.of("0x" + Integer.toHexString(blocks)));
  }

  private void rpc(String method, List<?> params) {
    try {
      Response<?> response = new Request<>(method, params, service, VoidResponse.class).send();
      if (response.hasError()) {
        throw new IllegalStateException(method + " failed: " + response.getError().getMessage());
      }
    } catch (IOException e) {
      throw new IllegalStateException(method + " failed", e);
    }
  }

  /** The instance's own temporary home, where Anvil spills old states; gone once stopped. */
  public Path home() {
    return home;
  }

  @Override
  public void close() {
    web3j.shutdown();
    stop(process);
    RUNNING.remove(process);
    try {
      Files.deleteIfExists(logFile);
    } catch (IOException ignored) {
      // a leftover temp log is harmless
    }
  }

  /** Stops Anvil (the watchdog's child) first, then the watchdog; forcibly after 5 s. */
  private static void stop(Process watchdog) {
    List<ProcessHandle> children = watchdog.descendants().toList();
    children.forEach(ProcessHandle::destroy);
    watchdog.destroy();
    try {
      if (!watchdog.waitFor(5, TimeUnit.SECONDS)) {
        watchdog.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      for (ProcessHandle child : children) {
        child.onExit().get(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(logFile);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for anvil", e);
    }
  }
}
