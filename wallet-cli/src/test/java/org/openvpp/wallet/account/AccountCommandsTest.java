package org.openvpp.wallet.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.devchain.DevAccounts;
import org.openvpp.wallet.testing.WalletCli;
import org.openvpp.wallet.testing.WalletCli.Result;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/** Account commands end to end, in-process, without a chain. */
class AccountCommandsTest {
  private static final String SECRET = "s3cret-Passw0rd";
  private static final String ADMIN_KEY =
      "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  @TempDir Path dir;
  private WalletCli cli;

  @BeforeEach
  void setUp() {
    cli = new WalletCli(dir.resolve("home")).env("VPP_WALLET_PASSWORD", SECRET);
  }

  @Test
  void createWritesAStandardScryptWalletOnlyTheOwnerCanRead() throws Exception {
    Result r = cli.run("account", "create", "alice");
    assertThat(r.code()).as(r.toString()).isZero();
    Path file = cli.keystore().resolve("alice.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.keystore())))
        .isEqualTo("rwx------");
    JsonNode wallet = new ObjectMapper().readTree(file.toFile());
    assertThat(wallet.at("/crypto/kdf").asText()).isEqualTo("scrypt");
    assertThat(wallet.at("/crypto/kdfparams/n").asInt()).isEqualTo(262_144);
    assertThat(wallet.at("/crypto/kdfparams/p").asInt()).isEqualTo(1);
    assertThat(r.out()).contains("alice").contains("0x" + wallet.path("address").asText());
    assertThat(r.out() + r.err()).doesNotContain(SECRET);
  }

  @Test
  void importsAPrivateKeyFileAndAMnemonicWithTheDevChainsAddresses() throws Exception {
    Credentials dev2 = DevAccounts.derive(DevAccounts.TEST_MNEMONIC, 2);
    Path key =
        Files.writeString(
            dir.resolve("k.txt"),
            Numeric.toHexStringWithPrefixZeroPadded(dev2.getEcKeyPair().getPrivateKey(), 64)
                + "\n");
    Path words = Files.writeString(dir.resolve("w.txt"), DevAccounts.TEST_MNEMONIC + "\n");

    Result a = cli.run("account", "import", "owner", "--private-key-file", key.toString());
    Result b =
        cli.run("account", "import", "oem", "--mnemonic-file", words.toString(), "--index", "1");

    assertThat(a.code()).as(a.toString()).isZero();
    assertThat(b.code()).as(b.toString()).isZero();
    assertThat(cli.run("account", "address", "owner").out().trim()).isEqualTo(dev2.getAddress());
    assertThat(cli.run("account", "address", "oem").out().trim())
        .isEqualTo("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    JsonNode list = cli.run("account", "list", "--json").json();
    assertThat(list).hasSize(2);
    assertThat(list.get(0).path("name").asText()).isEqualTo("oem");
  }

  @Test
  void importRefusesMalformedKeysBadMnemonicsAndTheSameKeyTwice() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.txt"), "0x1234");
    Path badWords = Files.writeString(dir.resolve("bad-words.txt"), "test test test");
    Path good =
        Files.writeString(
            dir.resolve("good.txt"),
            "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

    Result malformed = cli.run("account", "import", "x", "--private-key-file", bad.toString());
    assertThat(malformed.code()).isEqualTo(2);
    assertThat(malformed.err()).contains("malformed").doesNotContain("0x1234");
    assertThat(cli.run("account", "import", "y", "--mnemonic-file", badWords.toString()).code())
        .isEqualTo(2);
    assertThat(cli.run("account", "import", "a", "--private-key-file", good.toString()).code())
        .isZero();
    Result twice = cli.run("account", "import", "b", "--private-key-file", good.toString());
    assertThat(twice.code()).isEqualTo(2);
    assertThat(twice.err()).contains("already in the keystore as 'a'");
    assertThat(cli.run("account", "import", "c").code()).as("no source").isEqualTo(2);
  }

  @Test
  void exportShowsTheKeyOnlyWithTheFlagAndTheRightPassword() {
    // A light-scrypt wallet put in place directly: import is tested above, export here.
    cli.addAccount("admin", Credentials.create(ADMIN_KEY));

    Result backup = cli.run("account", "export", "admin");
    assertThat(backup.code()).isZero();
    assertThat(backup.out()).contains("\"crypto\"").doesNotContain(ADMIN_KEY.substring(0, 16));

    Result noPassword = cli.run("account", "export", "admin", "--reveal-private-key");
    assertThat(noPassword.code()).isEqualTo(3);
    assertThat(noPassword.err()).isEqualTo("error: wrong password for account 'admin'\n");
    assertThat(noPassword.out()).isEmpty();

    Result right =
        cli.env("VPP_WALLET_PASSWORD", WalletCli.PASSWORD)
            .run("account", "export", "admin", "--reveal-private-key");
    assertThat(right.code()).isZero();
    assertThat(right.out().trim()).isEqualTo("0x" + ADMIN_KEY);
  }

  @Test
  void warnsWhenAWalletFileIsReadableByOthers() throws Exception {
    cli.addAccount("loose", Credentials.create(ADMIN_KEY));
    Path file = cli.keystore().resolve("loose.json");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Result r =
        cli.env("VPP_WALLET_PASSWORD", WalletCli.PASSWORD)
            .run("account", "export", "loose", "--reveal-private-key");
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("warning: " + file + " is readable by other users: chmod 600");
  }

  @Test
  void aPasswordFileKeepsInnerSpacesAndDropsOnlyTheLineEnd() throws Exception {
    Path pw = Files.writeString(dir.resolve("pw"), " with spaces \n");
    cli.env("VPP_WALLET_PASSWORD", null);
    assertThat(cli.run("--password-file", pw.toString(), "account", "create", "bob").code())
        .isZero();
    Path exact = Files.writeString(dir.resolve("exact"), " with spaces ");
    assertThat(
            cli.run(
                    "account",
                    "export",
                    "bob",
                    "--reveal-private-key",
                    "--password-file",
                    exact.toString())
                .code())
        .isZero();
    Path trimmed = Files.writeString(dir.resolve("trimmed"), "with spaces");
    assertThat(
            cli.run(
                    "account",
                    "export",
                    "bob",
                    "--reveal-private-key",
                    "--password-file",
                    trimmed.toString())
                .code())
        .isEqualTo(3);
  }

  @Test
  void withoutAnyPasswordSourceItSaysHowToGiveOne() {
    cli.env("VPP_WALLET_PASSWORD", null);
    Result r = cli.run("account", "create", "carol");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("--password-file")
        .contains("VPP_WALLET_PASSWORD")
        .contains("terminal");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void thePromptAsksTwiceAndRefusesDifferingPasswords() {
    cli.env("VPP_WALLET_PASSWORD", null);
    Result differ = cli.typing("one password", "another").run("account", "create", "dave");
    assertThat(differ.code()).isEqualTo(2);
    assertThat(differ.err()).contains("differ");
    assertThat(Files.exists(cli.keystore().resolve("dave.json"))).isFalse();
    Result same = cli.typing("same one", "same one").run("account", "create", "dave");
    assertThat(same.code()).as(same.toString()).isZero();
  }

  @Test
  void badNamesDuplicatesAndUnknownAccountsAreUsageErrors() {
    assertThat(cli.run("account", "create", "../evil").code()).isEqualTo(2);
    assertThat(cli.run("account", "create", "eve").code()).isZero();
    assertThat(cli.run("account", "create", "eve").code()).isEqualTo(2);
    Result unknown = cli.run("account", "address", "mallory");
    assertThat(unknown.code()).isEqualTo(7);
    assertThat(unknown.err()).contains("account list");
  }
}
