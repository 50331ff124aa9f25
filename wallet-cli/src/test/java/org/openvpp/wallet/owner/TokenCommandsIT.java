package org.openvpp.wallet.owner;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.wallet.testing.WalletChain;
import org.openvpp.wallet.testing.WalletCli.Result;

@ExtendWith(AnvilExtension.class)
class TokenCommandsIT {
  @TempDir Path dir;
  private WalletChain w;

  @BeforeEach
  void setUp(Anvil anvil) throws Exception {
    w = new WalletChain(anvil, dir);
  }

  @Test
  void showsEthAndFlexOfTheActingAccountAsTableAndJson() {
    Result table = w.cli.run("--account", "owner", "token", "balance");
    assertThat(table.code()).as(table.toString()).isZero();
    assertThat(table.out()).contains("address  " + w.owner).contains("flex     10000");
    var json = w.cli.run("token", "balance", "operator", "--json").json();
    assertThat(json.path("address").asText()).isEqualTo(w.operator);
    assertThat(json.path("flex").asText()).isEqualTo("10000");
    assertThat(new BigInteger(json.path("eth").asText().replace(".", "")).signum()).isPositive();
  }

  @Test
  void transfersFlexPrintingTheHashAtOnceAndTheOutcomeWhenMined() throws Exception {
    Result r = w.cli.run("-a", "owner", "token", "transfer", "other", "12.5", "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    String hash = r.json().path("transaction").asText();
    assertThat(r.err()).contains("transfer: sent " + hash).contains("mined in block");
    assertThat(r.json().path("status").asText()).isEqualTo("ok");
    BigInteger otherBalance = w.chain.token(w.chain.admin()).balanceOf(w.other).send();
    assertThat(otherBalance).isEqualTo(new BigInteger("10012500000000000000000"));
    assertThat(w.cli.run("token", "balance", "owner", "--json").json().path("flex").asText())
        .isEqualTo("9987.5");
  }

  @Test
  void refusesMoreThanTheBalanceWithExitSix() {
    Result r = w.cli.run("-a", "owner", "token", "transfer", "other", "10000.000001");
    assertThat(r.code()).isEqualTo(6);
    assertThat(r.err())
        .isEqualTo(
            "error: insufficient FLEX: "
                + w.owner
                + " has 10000, the transfer needs 10000.000001\n");
  }

  @Test
  void malformedAmountsAndAddressesAreExitTwo() {
    Result amount = w.cli.run("-a", "owner", "token", "transfer", "other", "1,5");
    assertThat(amount.code()).isEqualTo(2);
    assertThat(amount.err()).contains("malformed amount '1,5'");
    Result address = w.cli.run("-a", "owner", "token", "transfer", "0xabc", "1");
    assertThat(address.code()).isEqualTo(2);
    assertThat(address.err()).contains("malformed recipient address '0xabc'");
    assertThat(w.cli.run("-a", "owner", "token", "transfer", "nobody", "1").code()).isEqualTo(2);
  }

  @Test
  void aWrongPasswordIsExitThreeAndSendsNothing() throws Exception {
    Path pw = Files.writeString(dir.resolve("wrong"), "not the password\n");
    Result r =
        w.cli.run(
            "-a", "owner", "--password-file", pw.toString(), "token", "transfer", "other", "1");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("error: wrong password for account 'owner'\n");
    assertThat(w.chain.token(w.chain.admin()).balanceOf(w.owner).send())
        .isEqualTo(new BigInteger("10000000000000000000000"));
  }

  @Test
  void aDeploymentOfAnotherChainIsExitFive() {
    Deployment d = w.chain.deployment();
    Path foreign = dir.resolve("foreign.json");
    new Deployment(1, d.deployBlock(), d.deployer(), d.timelock(), d.contracts(), d.parameters())
        .write(foreign);
    Result r = w.cli.run("--deployment", foreign.toString(), "token", "balance", "owner");
    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).contains("wrong network").contains("chain id 31337").contains("chain id 1");
  }

  @Test
  void aDeploymentWhoseContractsAreNotOnThisChainIsExitFive() {
    Deployment d = w.chain.deployment();
    Path stale = dir.resolve("stale.json");
    var contracts = new java.util.HashMap<>(d.contracts());
    contracts.put(Deployment.DEVICE_REGISTRY, "0x000000000000000000000000000000000000dead");
    new Deployment(
            d.chainId(), d.deployBlock(), d.deployer(), d.timelock(), contracts, d.parameters())
        .write(stale);
    Result r = w.cli.run("--deployment", stale.toString(), "token", "balance", "owner");
    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).contains("no DeviceRegistry at 0x000000000000000000000000000000000000dead");
  }
}
