package org.openvpp.testnet.bench.footprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvpp.testnet.LocalTestnet;
import org.openvpp.testnet.TestnetConfig;
import org.openvpp.testnet.fleet.SimulatedFleet;
import org.openvpp.testnet.nodeprocess.MemoryUse;
import org.openvpp.testnet.nodeprocess.NodeUnderTest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The node's footprint benchmark ({@code ./vpp bench-node}): a local testnet with {@code --devices}
 * simulated devices of the five classes registered on-chain, then {@code --runs} times a fresh node
 * started cold with {@code ./vpp node}, timed to API healthy, its devices connected, left idle,
 * checked (every device seen with readings in {@code /v1/devices}) and measured (resident memory of
 * the node's process tree), then stopped with SIGTERM. The first run is the first start after the
 * build (jars not yet in the OS cache) and is reported apart; the figures are the median, min and
 * max of the other runs. Writes {@code bench/results/node.json}.
 */
@Command(
    name = "vpp bench-node",
    mixinStandardHelpOptions = true,
    description = "Measure the node's start-up time and idle memory with simulated devices.")
public final class NodeFootprint implements Callable<Integer> {
  private static final Pattern JVM_START =
      Pattern.compile("\\((\\d+) ms since the process started\\)");
  private static final Pattern BROKER = Pattern.compile("starting device bridge: broker=(\\S+)");

  @Option(names = "--runs", description = "node starts to measure after the first (default 5)")
  int runs = 5;

  @Option(names = "--devices", description = "simulated devices (default 100)")
  int devices = 100;

  @Option(names = "--idle-seconds", description = "idle time before memory is read (default 60)")
  int idleSeconds = 60;

  @Option(names = "--reading-period-ms", description = "device reading period (default 10000)")
  long readingPeriodMs = 10_000;

  @Option(names = "--out", description = "results file (default bench/results/node.json)")
  Path out = Path.of("bench/results/node.json");

  private final PrintStream console = System.out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new NodeFootprint()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (runs < 1 || devices < 1 || idleSeconds < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--runs, --devices and --idle-seconds must be at least 1");
    }
    Path repo = Path.of("").toAbsolutePath();
    Path work = Files.createTempDirectory("vpp-footprint-");
    double loadBefore = MachineFacts.load();
    List<RunResult> results = new ArrayList<>();
    try (LocalTestnet net =
        LocalTestnet.start(TestnetConfig.forTests(), step -> console.println("… " + step))) {
      Path deploymentFile = work.resolve("deployment.json");
      net.deployment().write(deploymentFile);
      console.println("… registering " + devices + " devices on-chain");
      SimulatedFleet fleet = SimulatedFleet.register(net, devices);
      for (int i = 0; i <= runs; i++) {
        console.printf("… run %d of %d%s%n", i + 1, runs + 1, i == 0 ? " (first start)" : "");
        RunResult r =
            oneRun(repo, work.resolve("run-" + i), net.chain().rpcUrl(), deploymentFile, fleet);
        console.printf(
            "    healthy after %d ms (JVM %d ms), %d devices seen, RSS %d MB (JVM %d + children %d), stop %d ms%n",
            r.startupMs(),
            r.jvmStartupMs(),
            r.devicesSeen(),
            r.memory().totalKb() / 1024,
            r.memory().jvmKb() / 1024,
            r.memory().childrenKb() / 1024,
            r.stopMs());
        results.add(r);
      }
    }
    ObjectNode json =
        FootprintReport.of(results, this, loadBefore, MachineFacts.load(), Instant.now());
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
    console.println("written " + out);
    console.println(json.get("summary").toPrettyString());
    return json.get("summary").get("goalsMet").asBoolean() ? 0 : 3;
  }

  /** One cold start, idle period with devices, measurement and stop. */
  private RunResult oneRun(
      Path repo, Path dir, String rpcUrl, Path deploymentFile, SimulatedFleet fleet)
      throws Exception {
    NodeUnderTest.Ports ports = new NodeUnderTest.Ports(freePort(), freePort(), freePort());
    try (NodeUnderTest node =
        NodeUnderTest.init(
            NodeUnderTest.Launch.viaLauncher(repo), dir, rpcUrl, deploymentFile, ports)) {
      long startupMs = node.startAndAwaitHealthy();
      long healthyAt = System.nanoTime();
      String log = Files.readString(node.log());
      long jvmStartupMs = find(JVM_START, log).map(Long::parseLong).orElse(-1L);
      String jdk = MachineFacts.jdkOf(node.pid());
      int seen;
      MemoryUse memory;
      try (SimulatedFleet.Running running =
          fleet.connect(node.brokerUrl(), node.address(), readingPeriodMs)) {
        long idleEnd = healthyAt + idleSeconds * 1_000_000_000L;
        while (System.nanoTime() < idleEnd) {
          Thread.sleep(Math.min(1_000, Math.max(1, (idleEnd - System.nanoTime()) / 1_000_000)));
        }
        seen = devicesWithReadings(node);
        memory = node.memory();
        running.requireAllConnected();
      }
      if (seen != fleet.size()) {
        throw new IllegalStateException(
            "the node shows "
                + seen
                + " of "
                + fleet.size()
                + " devices online with readings after "
                + idleSeconds
                + " s; log "
                + node.log());
      }
      String broker =
          find(BROKER, Files.readString(node.log())).orElse("unknown (no bridge start line)");
      long stopMs = node.stop();
      return new RunResult(startupMs, jvmStartupMs, seen, memory, stopMs, jdk, broker);
    }
  }

  /** Devices the API lists as online with at least one reading. */
  private static int devicesWithReadings(NodeUnderTest node) throws Exception {
    var resp = node.get("/v1/devices?limit=1000");
    if (resp.statusCode() != 200) {
      throw new IllegalStateException("GET /v1/devices answered " + resp.statusCode());
    }
    JsonNode body = new ObjectMapper().readTree(resp.body());
    JsonNode list = body.isArray() ? body : body.path("devices");
    int n = 0;
    for (JsonNode d : list) {
      if (d.path("online").asBoolean() && d.path("lastReadingMs").asLong() > 0) {
        n++;
      }
    }
    return n;
  }

  private static java.util.Optional<String> find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** What one run measured. */
  record RunResult(
      long startupMs,
      long jvmStartupMs,
      int devicesSeen,
      MemoryUse memory,
      long stopMs,
      String jdk,
      String broker) {}
}
