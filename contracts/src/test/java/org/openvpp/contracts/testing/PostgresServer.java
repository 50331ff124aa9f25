package org.openvpp.contracts.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server for tests: Debian's {@code postgresql} binaries, a cluster made by
 * {@code initdb} in a temporary directory, listening on a free loopback port, stopped and removed
 * by {@link #close} (or, if this JVM dies, by the small watchdog shell it runs under). PostgreSQL
 * refuses to run as root, so as root the cluster belongs to the {@code postgres} user.
 *
 * <p>Test data only: {@code fsync} is off, which loses nothing when a process is killed (the OS
 * still has the pages) but would on power loss. Authentication is {@code trust} on loopback.
 */
public final class PostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final String SUPERUSER = "postgres";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path bin;
  private final Path root;
  private final int port;
  private final Process watchdog;
  private final long startMs;

  private PostgresServer(Path bin, Path root, int port, Process watchdog, long startMs) {
    this.bin = bin;
    this.root = root;
    this.port = port;
    this.watchdog = watchdog;
    this.startMs = startMs;
  }

  /** Creates a cluster and starts it; returns once it accepts connections. */
  public static PostgresServer start() {
    long t0 = System.nanoTime();
    Path bin = binaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir;
    try {
      dir = Files.createTempDirectory("vpp-pg-");
      Files.createDirectories(dir.resolve("sock"));
      if (root) {
        ownByPostgres(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a PostgreSQL directory", e);
    }
    Path data = dir.resolve("data");
    Path log = dir.resolve("postgres.log");
    run(
        asPostgres(
            root,
            List.of(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync")),
        dir.resolve("initdb.log"));
    int port = freePort();
    List<String> postgres =
        asPostgres(
            root,
            List.of(
                bin.resolve("postgres").toString(),
                "-D",
                data.toString(),
                "-p",
                String.valueOf(port),
                "-k",
                dir.resolve("sock").toString(),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=200"));
    Process watchdog;
    try {
      watchdog =
          new ProcessBuilder(underWatchdog(dir, postgres))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start postgres", e);
    }
    PostgresServer server =
        new PostgresServer(bin, dir, port, watchdog, System.currentTimeMillis());
    try {
      Await.until(READY_TIMEOUT, server::ready, "postgres on port " + port + " to accept");
    } catch (AssertionError | RuntimeException e) {
      String tail = tail(log);
      server.close();
      throw new IllegalStateException("postgres did not start: " + tail, e);
    }
    LOG.info(
        "postgres ready on 127.0.0.1:{} in {} ms (initdb + start)",
        port,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    return server;
  }

  /** A new, empty database; returns its JDBC URL (user {@code postgres}, no password). */
  public String newDatabase() {
    String name = "vpp_test_" + DATABASES.incrementAndGet();
    run(
        List.of(
            bin.resolve("createdb").toString(),
            "-h",
            "127.0.0.1",
            "-p",
            String.valueOf(port),
            "-U",
            SUPERUSER,
            name),
        root.resolve("createdb.log"));
    return jdbcUrl(name);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
  }

  public int port() {
    return port;
  }

  /** The cluster's temporary directory (data, socket, logs), removed when the server stops. */
  Path directory() {
    return root;
  }

  /** When the server process was started (epoch ms). */
  public long startedAtMs() {
    return startMs;
  }

  private boolean ready() {
    if (!watchdog.isAlive()) {
      // An Error, not an Exception: Await retries on exceptions, and a dead server never gets
      // ready.
      throw new AssertionError("postgres exited");
    }
    try {
      Process p =
          new ProcessBuilder(
                  bin.resolve("pg_isready").toString(),
                  "-q",
                  "-h",
                  "127.0.0.1",
                  "-p",
                  String.valueOf(port),
                  "-t",
                  "1")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops the server (fast shutdown: open sessions are ended) and removes its directory. */
  @Override
  public void close() {
    watchdog.destroy(); // SIGTERM to the watchdog, which sends postgres SIGINT and waits
    try {
      if (!watchdog.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
        watchdog.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(root);
  }

  /**
   * Runs postgres under a shell that stops it (SIGINT: fast shutdown) when this JVM is gone, even
   * by SIGKILL, or when the shell is told to stop, and then removes the cluster's directory.
   */
  private static List<String> underWatchdog(Path dir, List<String> postgres) {
    List<String> wrapped = new ArrayList<>();
    wrapped.add("/bin/sh");
    wrapped.add("-c");
    wrapped.add(WATCHDOG);
    wrapped.add("postgres-watchdog");
    wrapped.add(String.valueOf(ProcessHandle.current().pid()));
    wrapped.add(dir.toString());
    wrapped.addAll(postgres);
    return wrapped;
  }

  private static final String WATCHDOG =
      "jvm=$1; dir=$2; shift 2; \"$@\" & child=$!; "
          + "trap 'kill -INT $child 2>/dev/null; wait $child 2>/dev/null; rm -rf -- \"$dir\";"
          + " exit 0' TERM INT HUP; "
          + "while kill -0 $jvm 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.2; done; "
          + "kill -INT $child 2>/dev/null; wait $child 2>/dev/null; rm -rf -- \"$dir\"";

  /** The newest {@code /usr/lib/postgresql/<version>/bin}, or {@code VPP_POSTGRES_BIN}. */
  static Path binaries() {
    String override = System.getenv("VPP_POSTGRES_BIN");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    Path lib = Path.of("/usr/lib/postgresql");
    try (Stream<Path> versions = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("postgres")))
          .max(Comparator.comparingInt(PostgresServer::majorVersion))
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no PostgreSQL server binaries under "
                          + lib
                          + ": install Debian's postgresql (./vpp test does when run as root)"
                          + " or set VPP_POSTGRES_BIN"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** initdb and postgres refuse root: run them as the {@code postgres} user (execs, no child). */
  private static List<String> asPostgres(boolean root, List<String> command) {
    if (!root) {
      return command;
    }
    List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=postgres", "--regid=postgres"));
    out.add("--init-groups");
    out.add("--reset-env");
    out.addAll(command);
    return out;
  }

  private static void ownByPostgres(Path dir) throws IOException {
    UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal user = users.lookupPrincipalByName(SUPERUSER);
    GroupPrincipal group = users.lookupPrincipalByGroupName(SUPERUSER);
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
      }
    }
  }

  private static void run(List<String> command, Path log) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " did not finish in 60 s: " + tail(log));
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited " + p.exitValue() + ": " + tail(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command.get(0), e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warn("could not remove {}: {}", dir, e.getMessage());
    }
  }
}
