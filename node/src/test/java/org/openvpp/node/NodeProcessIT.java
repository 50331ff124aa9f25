package org.openvpp.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.Await;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.node.chain.ChainFollower;
import org.openvpp.node.chain.FollowerSettings;
import org.openvpp.node.chain.Web3jChainReader;
import org.openvpp.node.store.Database;

/**
 * The node as the operator runs it: {@code vpp-node.jar init}, then the daemon against a real Anvil
 * chain with the contracts deployed, stopped with SIGTERM; and a start that fails half-way.
 */
@ExtendWith(AnvilExtension.class)
class NodeProcessIT {
  private static final Duration START_DEADLINE = Duration.ofSeconds(120);
  private static final Map<String, String> ENV = Map.of("VPP_NODE_KEY_PASSWORD", "it-password");

  @TempDir Path dir;
  private final List<NodeRun> runs = new ArrayList<>();
  private Path config;
  private Anvil anvil;
  private org.openvpp.contracts.deploy.Deployment deployment;
  private int brokerPort;
  private int p2pPort;

  @BeforeEach
  void initNode(Anvil anvil) throws Exception {
    this.anvil = anvil;
    this.deployment = new ChainFixture(anvil).deployment();
    Path deploymentFile = dir.resolve("deployment.json");
    deployment.write(deploymentFile);
    config = dir.resolve("node.yaml");
    brokerPort = NodeRun.freePort();
    p2pPort = NodeRun.freePort();
    NodeRun init =
        run(
            "init",
            "--config",
            config.toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "--chain-rpc-url",
            anvil.rpcUrl(),
            "--chain-deployment-file",
            deploymentFile.toString(),
            "--broker-embedded-port",
            String.valueOf(brokerPort),
            "--p2p-listen",
            "/ip4/127.0.0.1/tcp/" + p2pPort,
            "--api-port",
            "0");
    assertThat(init.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(init.process().exitValue()).as(init.log()).isZero();
  }

  @AfterEach
  void killLeftovers() {
    runs.forEach(NodeRun::kill);
  }

  private NodeRun run(String... args) {
    NodeRun r = NodeRun.start(dir, ENV, args);
    runs.add(r);
    return r;
  }

  @Test
  void startsAgainstTheChainThenStopsEverythingOnSigtermAndExitsZero() throws Exception {
    NodeRun node = run("--config", config.toString());

    Await.until(
        START_DEADLINE,
        () -> node.log().contains("node started") || !node.process().isAlive(),
        "the node to log 'node started'");
    long seenMs = (System.nanoTime() - node.startedNanos()) / 1_000_000;
    assertThat(node.process().isAlive()).as(node.log()).isTrue();
    Matcher m = Pattern.compile("\\((\\d+) ms since the process started\\)").matcher(node.log());
    assertThat(m.find()).isTrue();
    System.out.printf(
        "cold start to 'node started': %s ms by the node's clock, %d ms seen by the test%n",
        m.group(1), seenMs);
    // The breakdown for the start-up figures reported in node/README.md.
    node.log()
        .lines()
        .filter(l -> l.matches(".*(keys unlocked in|started .* in|node started in).*"))
        .forEach(l -> System.out.println("  " + l.replaceFirst(": NodeKeys.*", "")));
    assertThat(node.log())
        .containsSubsequence(
            "database open (SQLITE)",
            "started chain follower in",
            "started transaction outbox in",
            "started p2p in",
            "started device bridge in",
            "started HTTP API in");
    Matcher api = Pattern.compile("HTTP API on (http://[0-9.:]+/v1)").matcher(node.log());
    assertThat(api.find()).isTrue();
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpResponse<String> status =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.group(1) + "/status"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).contains("\"chainId\":31337");
    assertApiServesTheRunningParts(node, http, api.group(1));
    assertAccepts(p2pPort);
    assertAccepts(brokerPort);
    // The follower in the process reads the chain and keeps its cursor in the node's database.
    try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("data/node.db"))) {
      ChainFollower reader =
          new ChainFollower(
              db,
              new Web3jChainReader(anvil.web3j()),
              FollowerSettings.forDeployment(deployment, 0, 64));
      Await.until(() -> reader.cursor().isPresent(), "the node's chain follower to store a cursor");
    }

    long t0 = System.nanoTime();
    node.process().destroy(); // SIGTERM

    assertThat(node.process().waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
    System.out.printf("stop after SIGTERM: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    String log = node.log();
    assertThat(node.process().exitValue()).as(log).isZero();
    assertThat(log)
        .containsSubsequence(
            "stop requested",
            "stopping HTTP API",
            "stopped HTTP API",
            "stopping device bridge",
            "device bridge stopped",
            "stopped device bridge",
            "stopping p2p",
            "stopped p2p",
            "stopping transaction outbox",
            "stopped transaction outbox",
            "stopping chain follower",
            "stopped chain follower",
            "closing Vert.x",
            "closing the JSON-RPC client and the database",
            "node stopped");
    assertThat(log).doesNotContain("it-password").doesNotContain("ERROR");
    assertRefuses(p2pPort);
    assertRefuses(brokerPort);
  }

  @Test
  void aPartThatFailsToStartStopsThoseBeforeItAndExitsOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(brokerPort, 1, InetAddress.getLoopbackAddress())) {
      assertThat(taken.isBound()).isTrue(); // the embedded broker cannot bind its port
      NodeRun node = run("--config", config.toString());

      assertThat(node.process().waitFor(START_DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      String log = node.log();
      assertThat(node.process().exitValue()).as(log).isEqualTo(1);
      assertThat(log)
          .containsSubsequence(
              "started p2p", "device bridge failed to start", "stopping p2p", "stopped p2p")
          .contains("error: node did not start: device bridge failed to start");
      assertRefuses(p2pPort);
    }
  }

  /**
   * The API reads the parts the process runs: the follower's chain head in the status, the p2p
   * host's identity and listen address, the bridge's fleet, and both parts' meters in /metrics.
   */
  private void assertApiServesTheRunningParts(
      NodeRun node, java.net.http.HttpClient http, String base) throws Exception {
    long anvilHead = anvil.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    Pattern head = Pattern.compile("\"chainHead\":(\\d+)");
    Await.until(
        () -> head.matcher(get(http, base + "/status").body()).find(),
        "GET /v1/status to show the chain head");
    Matcher h = head.matcher(get(http, base + "/status").body());
    assertThat(h.find()).isTrue();
    assertThat(Long.parseLong(h.group(1))).isGreaterThanOrEqualTo(anvilHead);

    java.net.http.HttpResponse<String> peers = get(http, base + "/peers");
    assertThat(peers.statusCode()).isEqualTo(200);
    Matcher peerId = Pattern.compile("peer (\\w+)\\)").matcher(node.log());
    assertThat(peerId.find()).as("the node logs its peer id").isTrue();
    assertThat(peers.body())
        .contains("\"peerId\":\"" + peerId.group(1) + "\"")
        .contains("/tcp/" + p2pPort)
        .contains("\"connected\":[]");

    java.net.http.HttpResponse<String> devices = get(http, base + "/devices");
    assertThat(devices.statusCode()).isEqualTo(200);
    assertThat(devices.body()).isEqualTo("[]"); // no device has connected to the broker

    java.net.http.HttpResponse<String> metrics =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(base.replace("/v1", "/metrics")))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("vpp_bridge_devices ")
        .contains("vpp_bridge_readings_stored_total")
        .contains("vpp_p2p_peers ")
        .contains("vpp_p2p_connections_opened_total")
        .contains("vpp_api_requests_seconds");
  }

  private static java.net.http.HttpResponse<String> get(java.net.http.HttpClient http, String url)
      throws IOException, InterruptedException {
    return http.send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static void assertAccepts(int port) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      assertThat(s.isConnected()).isTrue();
    }
  }

  private static void assertRefuses(int port) {
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .isInstanceOf(IOException.class);
  }
}
