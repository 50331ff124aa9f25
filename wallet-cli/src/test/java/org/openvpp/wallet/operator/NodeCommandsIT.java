package org.openvpp.wallet.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.wallet.testing.WalletChain;
import org.openvpp.wallet.testing.WalletCli.Result;
import org.web3j.crypto.Credentials;

/** A node operator's stake on a real chain (minimum 1,000 FLEX, one-day unbonding delay). */
@ExtendWith(AnvilExtension.class)
class NodeCommandsIT {
  private static final String PEER = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";

  @TempDir Path dir;
  private Anvil anvil;
  private WalletChain w;

  @BeforeEach
  void setUp(Anvil anvil) throws Exception {
    this.anvil = anvil;
    w = new WalletChain(anvil, dir);
    w.cli.env("VPP_WALLET_ACCOUNT", "operator");
  }

  private Result ok(String... args) {
    Result r = w.cli.run(args);
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }

  private JsonNode status() {
    return ok("node", "status", "--json").json();
  }

  @Test
  void registersWithApprovalThenTopsUp() {
    assertThat(status().path("registered").asBoolean()).isFalse();
    Result first = ok("node", "stake", "1500", "--peer-id", PEER, "--zone", "zone-1");
    assertThat(first.err())
        .contains("approve FLEX for the node registry: sent")
        .contains("register node: sent");
    JsonNode s = status();
    assertThat(s.path("registered").asBoolean()).isTrue();
    assertThat(s.path("active").asBoolean()).isTrue();
    assertThat(s.path("peerId").asText()).isEqualTo(PEER);
    assertThat(s.path("stake").asText()).isEqualTo("1500");
    ok("node", "stake", "250.5");
    assertThat(status().path("stake").asText()).isEqualTo("1750.5");
    assertThat(ok("token", "balance", "--json").json().path("flex").asText()).isEqualTo("8249.5");
  }

  @Test
  void unbondsAndWithdrawsOnlyAfterTheDelay() {
    ok("node", "stake", "1000", "--peer-id", PEER, "--zone", "zone-1");
    Result unstake = ok("node", "unstake", "400", "--json");
    assertThat(unstake.json().path("unbonding").asText()).isEqualTo("400");
    assertThat(status().path("active").asBoolean()).isFalse();

    Result early = w.cli.run("node", "withdraw");
    assertThat(early.code()).isEqualTo(1);
    assertThat(early.err()).contains("EarlyWithdrawal").contains("node status");

    anvil.increaseTime(86_401);
    Result withdrawn = ok("node", "withdraw", "--json");
    assertThat(withdrawn.json().path("withdrawn").asText()).isEqualTo("400");
    assertThat(ok("token", "balance", "--json").json().path("flex").asText()).isEqualTo("9400");
  }

  /**
   * A node with open obligations (here opened by a test account wired as the coordinator) keeps its
   * unbonding stake: status shows them and withdraw explains the revert.
   */
  @Test
  void withdrawWaitsForOpenObligationsAndSaysWhy(@TempDir Path other) throws Exception {
    Credentials coordinator = anvil.credentials(7);
    w =
        new WalletChain(
            new ChainFixture(anvil)
                .withNodeRegistryWiredTo(coordinator.getAddress(), coordinator.getAddress()),
            other);
    w.cli.env("VPP_WALLET_ACCOUNT", "operator");
    ok("node", "stake", "1000", "--peer-id", PEER, "--zone", "zone-1");
    ok("node", "unstake", "400");
    w.chain.nodes(coordinator).openObligation(w.operator).send();
    assertThat(status().path("obligations").asLong()).isEqualTo(1);
    anvil.increaseTime(86_401);

    Result held = w.cli.run("node", "withdraw");
    assertThat(held.code()).isEqualTo(1);
    assertThat(held.err())
        .contains("ObligationsOpen")
        .contains("stays slashable")
        .contains("node status");

    w.chain.nodes(coordinator).closeObligation(w.operator).send();
    assertThat(status().path("obligations").asLong()).isZero();
    Result withdrawn = ok("node", "withdraw", "--json");
    assertThat(withdrawn.json().path("withdrawn").asText()).isEqualTo("400");
  }

  @Test
  void badStakesAreRefusedBeforeAnythingIsSent() {
    Result noPeer = w.cli.run("node", "stake", "1000");
    assertThat(noPeer.code()).isEqualTo(2);
    assertThat(noPeer.err()).contains("--peer-id and --zone");
    Result belowMinimum = w.cli.run("node", "stake", "999", "--peer-id", PEER, "--zone", "z");
    assertThat(belowMinimum.code()).isEqualTo(2);
    assertThat(belowMinimum.err()).contains("minimum stake of 1000 FLEX");
    Result badPeer = w.cli.run("node", "stake", "1000", "--peer-id", "not-a-peer", "--zone", "z");
    assertThat(badPeer.code()).isEqualTo(2);
    Result tooMuch = w.cli.run("node", "stake", "20000", "--peer-id", PEER, "--zone", "z");
    assertThat(tooMuch.code()).isEqualTo(6);
    assertThat(tooMuch.err()).contains("insufficient FLEX").contains("has 10000");
    Result unstake = w.cli.run("node", "unstake", "1");
    assertThat(unstake.code()).isEqualTo(7);
    assertThat(status().path("registered").asBoolean()).isFalse();
  }

  @Test
  void cannotUnbondMoreThanTheStake() {
    ok("node", "stake", "1000", "--peer-id", PEER, "--zone", "zone-1");
    Result r = w.cli.run("node", "unstake", "1000.5");
    assertThat(r.code()).isEqualTo(6);
    assertThat(r.err()).contains("insufficient stake: 1000 FLEX staked");
  }
}
