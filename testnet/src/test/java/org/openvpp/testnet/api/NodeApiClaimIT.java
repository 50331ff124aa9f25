package org.openvpp.testnet.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.devchain.DevAccounts;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.node.api.ApiConfig;
import org.openvpp.node.api.ApiSources;
import org.openvpp.node.api.ApiVerticle;
import org.openvpp.node.api.events.NodeEvents;
import org.openvpp.node.api.model.NodeStatus;
import org.openvpp.node.api.rewards.BookRewards;
import org.openvpp.node.rewards.InMemoryRewardBookStore;
import org.openvpp.node.rewards.RewardBook;
import org.openvpp.node.rewards.SubmissionKey;
import org.openvpp.testnet.LocalTestnet;
import org.openvpp.testnet.TestDevices;
import org.openvpp.testnet.TestnetAccounts;
import org.openvpp.testnet.TestnetConfig;
import org.openvpp.testnet.round.MeterDevice;
import org.openvpp.testnet.round.RoundDriver;
import org.openvpp.wallet.WalletMain;
import org.openvpp.wallet.keys.PasswordPrompt;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

/**
 * The real {@code vpp-wallet rewards claim --node-api} claims from the node's HTTP API: a round is
 * settled on a real chain (sealed bids, device-signed readings, a drawn committee's quorum,
 * finalization), the node's reward book records the submission and its finalization, and the
 * wallet, asking {@code GET /v1/rewards/{owner}}, verifies the proof against Settlement's {@code
 * claimRoot} and claims: the owner's FLEX grows by exactly the amount in the node's ledger.
 *
 * <p>This test lives in testnet because node may not depend on wallet-cli, not even in test scope
 * (the node POM's enforcer bans it).
 */
class NodeApiClaimIT {
  private static final byte[] ZONE = Hash.sha3("zone-api".getBytes(StandardCharsets.UTF_8));
  private static final String PASSWORD = "node-api claim password";

  @TempDir Path dir;

  @Test
  @Timeout(300)
  void theWalletClaimsWhatTheNodeApiServes() throws Exception {
    try (LocalTestnet net =
        LocalTestnet.start(TestnetConfig.forTests(), LocalTestnet.ProgressListener.silent())) {
      RoundDriver d =
          new RoundDriver(net.chain(), net.deployment(), net.account(TestnetAccounts.ADMIN));
      Credentials owner = net.account(TestnetAccounts.OWNER);
      String ownerAddress = owner.getAddress().toLowerCase(Locale.ROOT);
      Credentials oem = net.account(TestnetAccounts.OEM);
      MeterDevice device =
          TestDevices.certifyAndBind(
              net, oem, TestDevices.batteryModel(net, oem, 5_000), 5_000, owner);
      List<Credentials> nodes = new java.util.ArrayList<>();
      for (int i = 5; i <= 9; i++) {
        Credentials n = net.chain().credentials(i);
        d.registerNode(n, ZONE, RoundDriver.FLEX.multiply(BigInteger.valueOf(2_000)));
        nodes.add(n);
      }
      Credentials node = nodes.get(0);
      d.assignNode(owner, device, node);

      // The node's HTTP API over its reward book.
      long chainId = net.chain().chainId();
      String settlement = net.deployment().settlement();
      RewardBook book = new RewardBook(node.getAddress(), new InMemoryRewardBookStore());
      Vertx vertx = Vertx.vertx();
      try {
        ApiVerticle api =
            new ApiVerticle(
                ApiConfig.defaults("127.0.0.1", 0, dir.resolve("node-data")),
                ApiSources.of(
                        () ->
                            new NodeStatus(
                                node.getAddress().toLowerCase(Locale.ROOT),
                                chainId,
                                settlement,
                                "test",
                                System.currentTimeMillis(),
                                OptionalLong.empty(),
                                OptionalLong.empty()))
                    .withRewards(new BookRewards(chainId, settlement, book)),
                new NodeEvents(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        vertx
            .deployVerticle(api)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
        String nodeApi = "http://127.0.0.1:" + api.port();

        // A round: 6 kW up for 15 minutes at most 0.5 FLEX/kWh; the node delivers 900 Wh.
        Credentials requester = net.account(TestnetAccounts.REQUESTER);
        RoundDriver.Request r =
            d.post(
                requester, ZONE, Direction.UP, 6_000, 900, RoundDriver.FLEX.divide(BigInteger.TWO));
        d.auction(
            r,
            List.of(new RoundDriver.Offer(node, 6_000, RoundDriver.FLEX.divide(BigInteger.TEN))));
        RoundDriver.Settled settled =
            d.settle(node, r, d.meterWindow(r, List.of(device), new long[] {900}, 0));
        // The node's book: the submission's ledger, then Settlement's finalization.
        SubmissionKey key = settled.submitted().key();
        book.submitted(key, settled.submitted().batch().ledger());
        BigInteger owed = settled.submitted().batch().ledger().tree().amountOf(ownerAddress);
        assertThat(owed).isPositive();

        Map<String, String> env = walletEnv(net);
        importOwner(env);
        // Finalized on-chain, but the node's book has not recorded it yet: nothing to claim (7).
        Run early = wallet(env, "-a", "owner", "rewards", "claim", "--node-api", nodeApi);
        assertThat(early.code()).as(early.text()).isEqualTo(7);

        assertThat(book.finalized(key)).isTrue();
        Run show = wallet(env, "-a", "owner", "rewards", "show", "--node-api", nodeApi);
        assertThat(show.code()).as(show.text()).isZero();
        assertThat(show.text()).contains("valid");

        BigInteger before = d.balance(ownerAddress);
        Run claim =
            wallet(
                env,
                "--password-file",
                env.get("PASSWORD_FILE"),
                "-a",
                "owner",
                "rewards",
                "claim",
                "--node-api",
                nodeApi);
        assertThat(claim.code()).as(claim.text()).isZero();
        assertThat(d.balance(ownerAddress)).isEqualTo(before.add(owed));
        assertThat(d.settlement(d.admin()).claimed(node.getAddress(), ownerAddress).send())
            .isEqualTo(owed);

        Run again =
            wallet(
                env,
                "--password-file",
                env.get("PASSWORD_FILE"),
                "-a",
                "owner",
                "rewards",
                "claim",
                "--node-api",
                nodeApi);
        assertThat(again.code()).as(again.text()).isEqualTo(7);
        assertThat(d.balance(ownerAddress)).isEqualTo(before.add(owed));
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private Map<String, String> walletEnv(LocalTestnet net) throws Exception {
    Path deployment = dir.resolve("deployment.json");
    net.deployment().write(deployment);
    Map<String, String> env = new HashMap<>();
    env.put("VPP_WALLET_HOME", dir.resolve("wallet-home").toString());
    env.put("VPP_WALLET_RPC", net.chain().rpcUrl());
    env.put("VPP_WALLET_DEPLOYMENT", deployment.toString());
    env.put("PASSWORD_FILE", Files.writeString(dir.resolve("pw.txt"), PASSWORD + "\n").toString());
    return env;
  }

  private void importOwner(Map<String, String> env) throws Exception {
    Path words = Files.writeString(dir.resolve("words.txt"), DevAccounts.TEST_MNEMONIC + "\n");
    Run imported =
        wallet(
            env,
            "--password-file",
            env.get("PASSWORD_FILE"),
            "account",
            "import",
            "owner",
            "--mnemonic-file",
            words.toString(),
            "--index",
            Integer.toString(TestnetAccounts.OWNER.index()));
    assertThat(imported.code()).as(imported.text()).isZero();
  }

  private record Run(int code, String out, String err) {
    String text() {
      return out + "\n" + err;
    }
  }

  private static Run wallet(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl =
        new WalletMain(env, PasswordPrompt.none(), Path.of(env.get("VPP_WALLET_HOME")))
            .commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }
}
