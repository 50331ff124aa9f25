package org.openvpp.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.devchain.DevAccounts;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Oem;
import org.openvpp.wallet.testing.WalletCli;
import org.openvpp.wallet.testing.WalletCli.Result;

/**
 * The root README's "Using vpp-wallet" walk-through, command for command, on a network set up as
 * {@code ./vpp testnet} sets it up (OEM at index 1 admitted, role accounts funded with 100,000
 * FLEX). If this fails, the README is wrong.
 */
@ExtendWith(AnvilExtension.class)
class WalkthroughIT {
  @TempDir Path dir;
  private WalletCli cli;

  private Result ok(String... args) {
    Result r = cli.run(args);
    assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isZero();
    return r;
  }

  @Test
  void theReadmeWalkThroughWorksAsWritten(Anvil anvil) throws Exception {
    ChainFixture chain = new ChainFixture(anvil);
    Oem.admit(chain, chain.account(1), "Testnet OEM");
    for (int i = 1; i <= 4; i++) {
      chain.mint(chain.account(i).getAddress(), 100_000);
    }
    Path deployment = dir.resolve(".testnet/deployment.json");
    chain.deployment().write(deployment);
    cli =
        new WalletCli(dir.resolve("home"))
            .env("VPP_WALLET_RPC", anvil.rpcUrl())
            .env("VPP_WALLET_DEPLOYMENT", deployment.toString())
            .env("VPP_WALLET_PASSWORD", "walkthrough")
            .env("VPP_WALLET_DEVICE_PASSWORD", "walkthrough");

    // 0. accounts
    Path words =
        Files.writeString(dir.resolve("testnet-words.txt"), DevAccounts.TEST_MNEMONIC + "\n");
    ok("account", "import", "oem", "--mnemonic-file", words.toString(), "--index", "1");
    ok("account", "import", "owner", "--mnemonic-file", words.toString(), "--index", "2");
    ok("account", "import", "operator", "--mnemonic-file", words.toString(), "--index", "3");
    assertThat(ok("account", "list").out())
        .contains("operator")
        .contains("0x90f79bf6eb2c4f870365e785982e1f101e93b906");
    assertThat(ok("token", "balance", "owner").out()).contains("flex     100000");

    // 1. OEM
    ok("account", "create", "device1");
    ok("account", "create", "device2");
    for (String name : new String[] {"oem", "owner", "operator", "device1", "device2"}) {
      cli.lighten(name, "walkthrough");
    }
    String device1 = ok("account", "address", "device1").out().trim();
    String device2 = ok("account", "address", "device2").out().trim();
    Path csv =
        Files.writeString(
            dir.resolve("batch.csv"),
            String.format("address,serial\n%s,PB10-0001\n%s,PB10-0002\n", device1, device2));
    assertThat(
            ok(
                    "-a",
                    "oem",
                    "oem",
                    "register-model",
                    "--class",
                    "HOME_BATTERY",
                    "--power-w",
                    "5000",
                    "--capacity-wh",
                    "10000",
                    "--name",
                    "PowerBox 10")
                .out())
        .contains("model        0");
    Path batch = dir.resolve("batch-1");
    ok(
        "-a",
        "oem",
        "oem",
        "certify-batch",
        "--model",
        "0",
        "--csv",
        csv.toString(),
        "--out",
        batch.toString());
    ok("-a", "oem", "oem", "publish", batch.toString());

    // 2. Owner
    ok(
        "-a",
        "owner",
        "device",
        "register",
        batch.resolve("certificates/" + device1 + ".json").toString());
    ok(
        "-a",
        "owner",
        "device",
        "bind",
        device1,
        "--device-key-file",
        cli.keystore().resolve("device1.json").toString());
    ok("-a", "owner", "device", "assign-node", device1, "operator");
    assertThat(ok("-a", "owner", "device", "list").out())
        .contains(device1)
        .contains("HOME_BATTERY")
        .contains("0x90f79bf6eb2c4f870365e785982e1f101e93b906");
    ok("-a", "owner", "token", "transfer", "operator", "25");

    // 3. Operator
    ok(
        "-a",
        "operator",
        "node",
        "stake",
        "1000",
        "--peer-id",
        "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA",
        "--zone",
        "zone-1");
    assertThat(ok("-a", "operator", "node", "status").out())
        .contains("stake                  1000");
    ok("-a", "operator", "node", "unstake", "200");
    Result early = cli.run("-a", "operator", "node", "withdraw");
    assertThat(early.code()).isEqualTo(1);
    assertThat(early.err()).contains("EarlyWithdrawal");

    // 4. OEM revokes
    ok("-a", "oem", "oem", "revoke", device1);
    assertThat(ok("oem", "devices", "--model", "0").out()).contains(device1 + "  revoked");

    // 5. Requester
    ok("account", "import", "requester", "--mnemonic-file", words.toString(), "--index", "4");
    cli.lighten("requester", "walkthrough");
    Result posted =
        ok(
            "-a",
            "requester",
            "request",
            "post",
            "zone-1",
            "--direction",
            "up",
            "--power",
            "6kW",
            "--start",
            "+30m",
            "--duration",
            "1h",
            "--max-price",
            "0.4");
    assertThat(posted.err()).contains("escrow: 2.4 FLEX");
    assertThat(posted.out()).contains("request  ").containsPattern("(?m)^request +1$");
    assertThat(ok("-a", "requester", "request", "status", "1").out())
        .containsPattern("(?m)^status +open$");
    ok("-a", "requester", "request", "cancel", "1");
    assertThat(ok("-a", "requester", "request", "withdraw").out())
        .containsPattern("(?m)^withdrawn +2.4$");
    assertThat(ok("-a", "requester", "request", "list").out()).contains("cancelled");
    assertThat(ok("token", "balance", "requester").out()).contains("flex     100000");
  }
}
