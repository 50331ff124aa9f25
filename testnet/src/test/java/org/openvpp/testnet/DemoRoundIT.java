package org.openvpp.testnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.devchain.DevAccounts;
import org.openvpp.contracts.generated.FlexToken;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.tx.Transactions;
import org.openvpp.testnet.demo.DemoRound;
import org.openvpp.wallet.WalletMain;
import org.openvpp.wallet.keys.PasswordPrompt;
import org.openvpp.wallet.rewards.ClaimProof;
import picocli.CommandLine;

/**
 * {@code vpp demo-round} on a network started as {@code ./vpp testnet} starts it, twice, then the
 * owner claims with the real {@code vpp-wallet} commands from the file the demo wrote. Amounts are
 * checked against the contracts' payment rule computed here, and the claim against the owner's FLEX
 * balance on-chain.
 */
class DemoRoundIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "demo-round password";

  @TempDir Path dir;

  @Test
  @Timeout(600)
  void twoRoundsAddUpAndTheOwnerClaimsThemWithTheWallet() throws Exception {
    Path deploymentFile = dir.resolve(".testnet/deployment.json");
    TestnetConfig config =
        new TestnetConfig(0, 31337, 0, deploymentFile, 100_000, DeploymentParameters.defaults());
    try (LocalTestnet net = LocalTestnet.start(config, LocalTestnet.ProgressListener.silent())) {
      String rpc = net.chain().rpcUrl();
      Path out = dir.resolve(".testnet/rewards");
      String owner = net.account(TestnetAccounts.OWNER).getAddress().toLowerCase(Locale.ROOT);
      Path proofFile = out.resolve(owner + ".json");
      Settlement settlement =
          Settlement.load(
              net.deployment().settlement(), net.chain().web3j(), admin(net), Transactions.gas());
      long feeBps = settlement.params().send().attestorFeeBps.longValueExact();

      Run first = demo("--rpc", rpc, "--deployment", deploymentFile.toString(), "--out", "" + out);
      assertThat(first.code).as(first.text).isZero();
      assertThat(first.text)
          .contains("evm_increaseTime")
          .contains("assigned by the owner to node")
          .contains("clearing price")
          .contains("owner reward");
      DemoRound.Summary s1 = first.summary;
      assertThat(s1.proofFile()).isEqualTo(proofFile);
      assertThat(s1.ownerReward()).isEqualTo(ownerShare(s1, feeBps)).isPositive();
      assertThat(s1.ownerCumulative()).isEqualTo(s1.ownerReward());
      assertThat(cumulative(ClaimProof.read(proofFile))).isEqualTo(s1.ownerCumulative());
      Path firstProof = Files.copy(proofFile, dir.resolve("first-proof.json"));

      Run second = demo("--rpc", rpc, "--deployment", deploymentFile.toString(), "--out", "" + out);
      assertThat(second.code).as(second.text).isZero();
      assertThat(second.text).contains("already staked");
      DemoRound.Summary s2 = second.summary;
      assertThat(s2.requestId()).isGreaterThan(s1.requestId());
      assertThat(s2.ownerReward()).isEqualTo(ownerShare(s2, feeBps)).isPositive();
      assertThat(s2.ownerCumulative()).isEqualTo(s1.ownerReward().add(s2.ownerReward()));
      List<ClaimProof> claims = ClaimProof.read(proofFile);
      BigInteger total = cumulative(claims);
      assertThat(total).isEqualTo(s2.ownerCumulative());

      // The wallet, as the README has the owner use it.
      Map<String, String> env = new HashMap<>();
      env.put("VPP_WALLET_HOME", dir.resolve("wallet-home").toString());
      env.put("VPP_WALLET_RPC", rpc);
      env.put("VPP_WALLET_DEPLOYMENT", deploymentFile.toString());
      Path words = Files.writeString(dir.resolve("words.txt"), DevAccounts.TEST_MNEMONIC + "\n");
      Path password = Files.writeString(dir.resolve("password.txt"), PASSWORD + "\n");
      String pw = password.toString();
      Run imported =
          wallet(
              env,
              "--password-file",
              pw,
              "account",
              "import",
              "owner",
              "--mnemonic-file",
              words.toString(),
              "--index",
              "2");
      assertThat(imported.code).as(imported.text).isZero();
      // README step 6: OWNER=$(./vpp-wallet account address owner) names the file.
      Run address = wallet(env, "account", "address", "owner");
      assertThat(out.resolve(address.out.trim() + ".json")).isEqualTo(proofFile);

      // The first round's file is superseded: its proof matches an earlier root only.
      Run stale = wallet(env, "-a", "owner", "rewards", "show", "--file", "" + firstProof);
      assertThat(stale.text).contains("stale");

      Run show = wallet(env, "--json", "-a", "owner", "rewards", "show", "--file", "" + proofFile);
      assertThat(show.code).as(show.text).isZero();
      JsonNode rows = JSON.readTree(show.out);
      BigInteger claimable = BigInteger.ZERO;
      for (JsonNode row : rows) {
        assertThat(row.path("proof").asText()).isEqualTo("valid");
        claimable = claimable.add(wei(row.path("claimable").asText()));
      }
      assertThat(claimable).isEqualTo(total);

      FlexToken token =
          FlexToken.load(
              net.deployment().flexToken(), net.chain().web3j(), admin(net), Transactions.gas());
      BigInteger before = token.balanceOf(owner).send();
      Run claim =
          wallet(
              env,
              "--password-file",
              pw,
              "-a",
              "owner",
              "rewards",
              "claim",
              "--file",
              "" + proofFile);
      assertThat(claim.code).as(claim.text).isZero();
      assertThat(token.balanceOf(owner).send()).isEqualTo(before.add(total));
      Run balance = wallet(env, "--json", "token", "balance", "owner");
      assertThat(wei(JSON.readTree(balance.out).path("flex").asText()))
          .isEqualTo(before.add(total));

      Run again =
          wallet(
              env,
              "--password-file",
              pw,
              "-a",
              "owner",
              "rewards",
              "claim",
              "--file",
              "" + proofFile);
      assertThat(again.code).as(again.text).isEqualTo(7);
      assertThat(token.balanceOf(owner).send()).isEqualTo(before.add(total));
    }
  }

  @Test
  @Timeout(120)
  void refusesAnUnreachableRpcAndAChainThatIsNotADevChain() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    Run unreachable = demo("--rpc", "http://127.0.0.1:" + port, "--out", "" + dir.resolve("a"));
    assertThat(unreachable.code).isEqualTo(4);
    assertThat(unreachable.err.lines().toList())
        .singleElement()
        .asString()
        .startsWith("error: cannot reach the RPC at http://127.0.0.1:" + port);

    try (Anvil mainnetId = Anvil.start(Anvil.Options.defaults().withChainId(1))) {
      Run refused = demo("--rpc", mainnetId.rpcUrl(), "--out", "" + dir.resolve("b"));
      assertThat(refused.code).isEqualTo(5);
      assertThat(refused.err.lines().toList())
          .singleElement()
          .asString()
          .startsWith("error: chain id 1 at " + mainnetId.rpcUrl() + " is not a local dev chain");
      assertThat(mainnetId.web3j().ethBlockNumber().send().getBlockNumber())
          .as("nothing sent, no time moved: no block mined")
          .isZero();
    }
    assertThat(dir.resolve("a")).doesNotExist();
    assertThat(dir.resolve("b")).doesNotExist();
  }

  /** The owner share by the contracts' rule: delivered energy at the clearing price, minus fee. */
  private static BigInteger ownerShare(DemoRound.Summary s, long feeBps) {
    long ws = Math.min(s.deliveredWh() * 3_600, s.awardedW() * 900);
    BigInteger payment =
        BigInteger.valueOf(ws).multiply(s.clearingPrice()).divide(BigInteger.valueOf(3_600_000));
    assertThat(s.payment()).isEqualTo(payment);
    return payment.subtract(
        payment.multiply(BigInteger.valueOf(feeBps)).divide(BigInteger.valueOf(10_000)));
  }

  private static BigInteger cumulative(List<ClaimProof> claims) {
    return claims.stream()
        .map(ClaimProof::cumulativeAmount)
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  private static BigInteger wei(String flex) {
    return new BigDecimal(flex).movePointRight(18).toBigIntegerExact();
  }

  private static org.web3j.tx.TransactionManager admin(LocalTestnet net) {
    return Transactions.manager(
        net.chain().web3j(), net.account(TestnetAccounts.ADMIN), net.chain().chainId());
  }

  private record Run(int code, String out, String err, String text, DemoRound.Summary summary) {}

  private static Run demo(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    DemoRoundMain main =
        new DemoRoundMain(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    int code = new CommandLine(main).execute(args);
    String o = out.toString(StandardCharsets.UTF_8);
    String e = err.toString(StandardCharsets.UTF_8);
    return new Run(code, o, e, o + e, main.summary());
  }

  private static Run wallet(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl =
        new WalletMain(env, PasswordPrompt.none(), Path.of(env.get("VPP_WALLET_HOME")))
            .commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString(), out + "\n" + err, null);
  }
}
