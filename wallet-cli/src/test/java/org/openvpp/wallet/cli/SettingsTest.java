package org.openvpp.wallet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir Path home;

  private static Flags none() {
    return new Flags(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false);
  }

  @Test
  void defaultsWithoutFlagsEnvironmentOrFile() {
    Settings s = Settings.resolve(none(), Map.of(), home);
    assertThat(s.home()).isEqualTo(home.resolve(".config/vpp-wallet"));
    assertThat(s.keystore()).isEqualTo(home.resolve(".config/vpp-wallet/keystore"));
    assertThat(s.rpc()).isEqualTo("http://127.0.0.1:8545");
    assertThat(s.deployment()).isEmpty();
    assertThat(s.account()).isEmpty();
    assertThat(s.receiptTimeout().toSeconds()).isEqualTo(300);
  }

  @Test
  void everyConfigKeyIsReadAndRelativePathsFollowTheFile() throws Exception {
    Files.writeString(
        home.resolve("config.properties"),
        "rpc=http://127.0.0.1:9999\ndeployment=net/deployment.json\naccount=alice\n"
            + "keystore=keys\npassword-file=pw.txt\nreceipt-timeout=42\n");
    Settings s = Settings.resolve(none(), Map.of("VPP_WALLET_HOME", home.toString()), home);
    assertThat(s.rpc()).isEqualTo("http://127.0.0.1:9999");
    assertThat(s.deployment()).contains(home.resolve("net/deployment.json"));
    assertThat(s.account()).contains("alice");
    assertThat(s.keystore()).isEqualTo(home.resolve("keys"));
    assertThat(s.passwordFile()).contains(home.resolve("pw.txt"));
    assertThat(s.receiptTimeout().toSeconds()).isEqualTo(42);
  }

  @Test
  void flagBeatsEnvironmentBeatsFile() throws Exception {
    Files.writeString(home.resolve("config.properties"), "rpc=http://file:1\naccount=fromfile\n");
    Map<String, String> env =
        Map.of(
            "VPP_WALLET_HOME", home.toString(),
            "VPP_WALLET_RPC", "http://env:2",
            "VPP_WALLET_ACCOUNT", "fromenv");
    Settings s = Settings.resolve(none(), env, home);
    assertThat(s.rpc()).isEqualTo("http://env:2");
    assertThat(s.account()).contains("fromenv");
    Flags flags =
        new Flags(
            Optional.of("http://flag:3"),
            Optional.empty(),
            Optional.of("fromflag"),
            Optional.empty(),
            Optional.empty(),
            false);
    Settings f = Settings.resolve(flags, env, home);
    assertThat(f.rpc()).isEqualTo("http://flag:3");
    assertThat(f.account()).contains("fromflag");
  }

  @Test
  void aMisspelledKeyIsAnErrorNotSilentlyIgnored() throws Exception {
    Files.writeString(home.resolve("config.properties"), "rcp=http://127.0.0.1:1\n");
    assertThatThrownBy(
            () -> Settings.resolve(none(), Map.of("VPP_WALLET_HOME", home.toString()), home))
        .isInstanceOf(WalletException.class)
        .hasMessageContaining("unknown key [rcp]");
  }

  @Test
  void anExplicitConfigFileMustExist() {
    Flags flags =
        new Flags(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(home.resolve("missing.properties")),
            Optional.empty(),
            false);
    assertThatThrownBy(() -> Settings.resolve(flags, Map.of(), home))
        .hasMessageContaining("does not exist");
  }
}
