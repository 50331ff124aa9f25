package org.openvpp.testnet.nodeprocess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node as its operator runs it: {@code node init} into a fresh directory, then the daemon,
 * timed from the process start to the first {@code 200} of {@code GET /v1/health}; stopped with
 * SIGTERM. {@link Launch#viaLauncher} starts it with {@code ./vpp node} (the launcher picks the JDK
 * and the node's JVM options: what the benchmark measures), {@link Launch#viaJar} with {@code java
 * -jar vpp-node.jar} on this test's JVM (the integration tests, which must not trigger a build).
 */
public final class NodeUnderTest implements AutoCloseable {
  private static final Pattern ADDRESS = Pattern.compile("address (0x[0-9a-fA-F]{40})");
  private static final Duration START_DEADLINE = Duration.ofSeconds(180);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(60);
  private static final String PASSWORD_ENV = "VPP_NODE_KEY_PASSWORD";

  /** The ports a node listens on. */
  public record Ports(int api, int broker, int p2p) {}

  /** How the node process is started: the command before {@code init} or the daemon's flags. */
  public record Launch(Path directory, List<String> command) {
    /** {@code ./vpp node} from the repository root {@code repo}. */
    public static Launch viaLauncher(Path repo) {
      return new Launch(repo, List.of(repo.resolve("vpp").toString(), "node"));
    }

    /** {@code java -jar jar} with the JVM running this code. */
    public static Launch viaJar(Path jar) {
      String java = ProcessHandle.current().info().command().orElse("java");
      return new Launch(
          jar.toAbsolutePath().getParent(), List.of(java, "-jar", jar.toAbsolutePath().toString()));
    }
  }

  private final Launch launch;
  private final Path dir;
  private final Ports ports;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String address;
  private Process process;

  private NodeUnderTest(Launch launch, Path dir, Ports ports, String address) {
    this.launch = launch;
    this.dir = dir;
    this.ports = ports;
    this.address = address;
  }

  /** Runs {@code ./vpp node init} (not timed) and returns the node, not started. */
  public static NodeUnderTest init(
      Launch launch, Path dir, String rpcUrl, Path deploymentFile, Ports ports)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Process init =
        process(
                launch,
                dir.resolve("init.log"),
                "init",
                "--config",
                dir.resolve("node.yaml").toString(),
                "--data-dir",
                dir.resolve("data").toString(),
                "--chain-rpc-url",
                rpcUrl,
                "--chain-deployment-file",
                deploymentFile.toString(),
                "--broker-embedded-port",
                String.valueOf(ports.broker()),
                "--p2p-listen",
                "/ip4/127.0.0.1/tcp/" + ports.p2p(),
                "--api-port",
                String.valueOf(ports.api()))
            .start();
    if (!init.waitFor(120, TimeUnit.SECONDS) || init.exitValue() != 0) {
      init.destroyForcibly();
      throw new IllegalStateException(
          "node init failed: " + Files.readString(dir.resolve("init.log")));
    }
    Matcher m = ADDRESS.matcher(Files.readString(dir.resolve("init.log")));
    if (!m.find()) {
      throw new IllegalStateException("node init printed no chain address");
    }
    return new NodeUnderTest(launch, dir, ports, m.group(1));
  }

  public String address() {
    return address;
  }

  public String brokerUrl() {
    return "tcp://127.0.0.1:" + ports.broker();
  }

  public Path log() {
    return dir.resolve("node.log");
  }

  /** Starts {@code ./vpp node}; returns milliseconds from the process start to API healthy. */
  public long startAndAwaitHealthy() throws IOException, InterruptedException {
    ProcessBuilder pb = process(launch, log(), "--config", dir.resolve("node.yaml").toString());
    long t0 = System.nanoTime();
    process = pb.start();
    long deadline = t0 + START_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the node exited with " + process.exitValue() + " before it was healthy; log " + log());
      }
      if (get("/v1/health").statusCode() == 200) {
        return (System.nanoTime() - t0) / 1_000_000;
      }
      Thread.sleep(10); // polling a process we do not control; the deadline bounds it
    }
    throw new IllegalStateException("the node was not healthy within " + START_DEADLINE);
  }

  public HttpResponse<String> get(String path) throws InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.api() + path))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Unanswered(req);
    }
  }

  /** The JVM's process id (the launcher execs java, so it is the launched process). */
  public long pid() {
    return process.pid();
  }

  /** Resident memory of the node's JVM and of every process below it, in KiB. */
  public MemoryUse memory() throws IOException {
    long jvm = ProcessMemory.rssKb(process.pid());
    List<MemoryUse.Child> children = new ArrayList<>();
    for (ProcessHandle h : process.descendants().toList()) {
      String command = h.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
      try {
        children.add(new MemoryUse.Child(command, ProcessMemory.rssKb(h.pid())));
      } catch (java.nio.file.NoSuchFileException e) {
        // a short-lived child (the broker watchdog's sleep) ended between listing and reading
      }
    }
    return new MemoryUse(jvm, children);
  }

  /** SIGTERM, then waits; returns the stop time in ms and checks the exit status is 0. */
  public long stop() throws InterruptedException {
    long t0 = System.nanoTime();
    process.destroy();
    if (!process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the node did not stop within " + STOP_DEADLINE);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "the node stopped with exit status " + process.exitValue() + "; log " + log());
    }
    return ms;
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static ProcessBuilder process(Launch launch, Path log, String... args) {
    List<String> cmd = new ArrayList<>(launch.command());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(launch.directory().toFile());
    Map<String, String> env = pb.environment();
    env.putIfAbsent(PASSWORD_ENV, "footprint-benchmark");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb;
  }

  /** A response for a request that got no answer (connection refused while starting). */
  private record Unanswered(HttpRequest request) implements HttpResponse<String> {
    @Override
    public int statusCode() {
      return 0;
    }

    @Override
    public java.util.Optional<HttpResponse<String>> previousResponse() {
      return java.util.Optional.empty();
    }

    @Override
    public java.net.http.HttpHeaders headers() {
      return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
    }

    @Override
    public String body() {
      return "";
    }

    @Override
    public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
      return java.util.Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
