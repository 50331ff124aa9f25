package org.openvpp.wallet.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.deploy.SettlementParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.wallet.testing.SettledRounds;
import org.openvpp.wallet.testing.SettledRounds.Delivered;
import org.openvpp.wallet.testing.WalletChain;
import org.openvpp.wallet.testing.WalletCli.Result;
import org.web3j.crypto.Credentials;

/**
 * Owners' rewards from a real settled round: one request won by two nodes, evidence over
 * device-signed readings, a drawn committee's attestations, finalization; then the wallet reads the
 * nodes' claim proofs from files and from a node API served on 127.0.0.1, checks them against the
 * chain and claims. Node A's devices deliver 1500 Wh (owner) and 1000 Wh (other), node B's 2000 Wh
 * (owner), at 0.2 FLEX/kWh with a 2 % attestor fee: owner 0.294 + 0.392, other 0.196.
 */
@ExtendWith(AnvilExtension.class)
class RewardCommandsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private WalletChain w;
  private SettledRounds rounds;
  private Credentials nodeA;
  private Credentials nodeB;
  private Credentials d1;
  private BigInteger request;
  private HttpServer server;

  @BeforeEach
  void setUp(Anvil anvil) throws Exception {
    w =
        new WalletChain(
            anvil,
            dir,
            DeploymentParameters.defaults()
                .withSettlement(SettlementParameters.defaults().withCommittee(3, 2)));
    rounds = new SettledRounds(w.chain, w.chain.account(1), w.chain.account(5));
    List<Credentials> nodes = rounds.nodes(5);
    nodeA = nodes.get(0);
    nodeB = nodes.get(1);
    d1 = rounds.device();
    Credentials d2 = rounds.device();
    Credentials d3 = rounds.device();
    Map<Credentials, List<Delivered>> deliveries = new LinkedHashMap<>();
    deliveries.put(
        nodeA, List.of(new Delivered(d1, w.owner, 1_500), new Delivered(d2, w.other, 1_000)));
    deliveries.put(nodeB, List.of(new Delivered(d3, w.owner, 2_000)));
    request = rounds.round(deliveries);
    w.cli.env("VPP_WALLET_ACCOUNT", "owner");
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  private Result ok(String... args) {
    Result r = w.cli.run(args);
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }

  private Path file(String name, Object claims) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, JSON.writeValueAsString(claims));
    return f;
  }

  private String flex(String who) {
    return ok("token", "balance", who, "--json").json().path("flex").asText();
  }

  @Test
  void theRequesterSeesDeliveredEnergyAndPayments() {
    JsonNode s = ok("request", "status", request.toString(), "--json").json();
    assertThat(s.path("settledAwards").asLong()).isEqualTo(2);
    assertThat(s.path("paid").asText()).isEqualTo("0.9");
    JsonNode a = s.path("awards").get(0);
    assertThat(a.path("node").asText()).isEqualToIgnoringCase(nodeA.getAddress());
    assertThat(a.path("settled").asBoolean()).isTrue();
    assertThat(a.path("deliveredWh").asLong()).isEqualTo(2_500);
    assertThat(a.path("payment").asText()).isEqualTo("0.5");
    assertThat(s.path("awards").get(1).path("deliveredWh").asLong()).isEqualTo(2_000);
  }

  @Test
  void showsAndClaimsFromAFileOnceOnly() throws Exception {
    Path f = file("a.json", rounds.claim(nodeA.getAddress(), w.owner));
    JsonNode row = ok("rewards", "show", "--file", f.toString(), "--json").json().get(0);
    assertThat(row.path("node").asText()).isEqualToIgnoringCase(nodeA.getAddress());
    assertThat(row.path("cumulative").asText()).isEqualTo("0.294");
    assertThat(row.path("claimed").asText()).isEqualTo("0");
    assertThat(row.path("claimable").asText()).isEqualTo("0.294");
    assertThat(row.path("proof").asText()).isEqualTo("valid");

    // The same proof twice (say a file and a copy) is claimed once, not sent twice.
    Result claimed =
        ok("rewards", "claim", "--file", f.toString(), "--file", f.toString(), "--json");
    assertThat(claimed.err()).contains("claim: sent");
    assertThat(claimed.json().path("claimed").asText()).isEqualTo("0.294");
    assertThat(claimed.json().path("claims").asInt()).isEqualTo(1);
    assertThat(flex("owner")).isEqualTo("10000.294");

    JsonNode after = ok("rewards", "show", "--file", f.toString(), "--json").json().get(0);
    assertThat(after.path("claimed").asText()).isEqualTo("0.294");
    assertThat(after.path("claimable").asText()).isEqualTo("0");
    Result again = w.cli.run("rewards", "claim", "--file", f.toString());
    assertThat(again.code()).as(again.toString()).isEqualTo(7);
    assertThat(again.err()).contains("nothing to claim").doesNotContain("sent");
    assertThat(again.err().lines().filter(l -> l.startsWith("error:"))).hasSize(1);
    assertThat(flex("owner")).isEqualTo("10000.294");
  }

  @Test
  void claimsSeveralNodesInOneClaimManyFromANodeApi() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<String> paths = new ArrayList<>();
    server.createContext(
        "/v1/rewards/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          paths.add(path);
          String owner = path.substring("/v1/rewards/".length()).toLowerCase(Locale.ROOT);
          List<Object> claims = new ArrayList<>();
          for (Credentials node : List.of(nodeA, nodeB)) {
            if (rounds.ledger(node.getAddress()).cumulative().containsKey(owner)) {
              claims.add(rounds.claim(node.getAddress(), owner));
            }
          }
          byte[] body = JSON.writeValueAsBytes(claims);
          int status = claims.isEmpty() ? 404 : 200;
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, claims.isEmpty() ? -1 : body.length);
          if (!claims.isEmpty()) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
    String api = "http://127.0.0.1:" + server.getAddress().getPort();

    JsonNode rows = ok("rewards", "show", "--node-api", api, "--json").json();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).path("claimable").asText()).isEqualTo("0.392");
    assertThat(paths).contains("/v1/rewards/" + w.owner.toLowerCase(Locale.ROOT));

    // "other" pays the gas; the FLEX goes to the proofs' owner.
    Result claimed =
        ok("-a", "other", "rewards", "claim", "--node-api", api, "--owner", "owner", "--json");
    assertThat(claimed.err()).contains("claimMany (2 claims): sent");
    assertThat(claimed.json().path("claimed").asText()).isEqualTo("0.686");
    assertThat(flex("owner")).isEqualTo("10000.686");

    JsonNode other = ok("-a", "other", "rewards", "show", "--node-api", api, "--json").json();
    assertThat(other).hasSize(1);
    assertThat(other.get(0).path("claimable").asText()).isEqualTo("0.196");

    Result nobody = w.cli.run("rewards", "show", "--node-api", api, "--owner", w.oem);
    assertThat(nobody.code()).as(nobody.toString()).isEqualTo(7);
    assertThat(nobody.err()).contains("no claims");
    Result down = w.cli.run("rewards", "show", "--node-api", "http://127.0.0.1:1");
    assertThat(down.code()).isEqualTo(4);
    assertThat(down.err()).contains("cannot reach the node API");
  }

  @Test
  void forgedStaleAndForeignProofsAreRefusedBeforeSending() throws Exception {
    Map<String, Object> honest = rounds.claim(nodeA.getAddress(), w.owner);
    Map<String, Object> forged = new LinkedHashMap<>(honest);
    forged.put("cumulativeAmount", BigInteger.TEN.pow(18).toString());
    Path f = file("forged.json", forged);
    JsonNode row = ok("rewards", "show", "--file", f.toString(), "--json").json().get(0);
    assertThat(row.path("proof").asText()).startsWith("forged");
    assertThat(row.path("claimable").isNull()).isTrue();
    Result refused = w.cli.run("rewards", "claim", "--file", f.toString());
    assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err()).contains("forged").contains("nothing sent").doesNotContain(": sent");

    Map<String, Object> foreign = new LinkedHashMap<>(honest);
    foreign.put("chainId", 1);
    Result wrongNetwork =
        w.cli.run("rewards", "show", "--file", file("foreign.json", foreign).toString());
    assertThat(wrongNetwork.code()).isEqualTo(5);

    Map<String, Object> noRoot =
        rounds.claim(w.operator, w.owner, BigInteger.ONE, List.of(new byte[32]));
    JsonNode none =
        ok("rewards", "show", "--file", file("none.json", noRoot).toString(), "--json")
            .json()
            .get(0);
    assertThat(none.path("proof").asText()).contains("no finalized reward root");

    Result malformed =
        w.cli.run("rewards", "show", "--file", file("bad.json", Map.of("x", 1)).toString());
    assertThat(malformed.code()).isEqualTo(2);
    assertThat(malformed.err()).contains("is not a claim proof");

    // A second round for node A: the first proof is now stale, the new one valid and larger.
    Map<Credentials, List<Delivered>> second = new LinkedHashMap<>();
    second.put(nodeA, List.of(new Delivered(d1, w.owner, 1_000)));
    rounds.round(second);
    Path old = file("old.json", honest);
    JsonNode stale = ok("rewards", "show", "--file", old.toString(), "--json").json().get(0);
    assertThat(stale.path("proof").asText()).startsWith("stale");
    Result staleClaim = w.cli.run("rewards", "claim", "--file", old.toString());
    assertThat(staleClaim.code()).isEqualTo(2);
    assertThat(staleClaim.err()).contains("stale").contains("fresh proof");
    Path fresh = file("fresh.json", rounds.claim(nodeA.getAddress(), w.owner));
    // 1000 Wh more at 0.2 FLEX/kWh: 0.2 paid, 0.196 to the owner's cumulative.
    assertThat(
            ok("rewards", "show", "--file", fresh.toString(), "--json")
                .json()
                .get(0)
                .path("cumulative")
                .asText())
        .isEqualTo("0.49");
    ok("rewards", "claim", "--file", fresh.toString());
    assertThat(flex("owner")).isEqualTo("10000.49");
  }
}
