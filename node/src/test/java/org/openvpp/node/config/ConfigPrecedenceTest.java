package org.openvpp.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigPrecedenceTest {
  @TempDir Path dir;

  private ConfigLoader.FileChoice file(String yaml) throws IOException {
    Path f = dir.resolve("node.yaml");
    Files.writeString(f, yaml);
    return new ConfigLoader.FileChoice(f, true);
  }

  @Test
  void defaultsWorkAgainstTheLocalTestnet() {
    NodeConfig c =
        ConfigLoader.load(
            new ConfigLoader.FileChoice(dir.resolve("absent.yaml"), false), Map.of(), Map.of());
    assertThat(c.chain().rpcUrl()).hasToString("http://127.0.0.1:8545");
    assertThat(c.chain().id()).isEqualTo(31337);
    assertThat(c.chain().deploymentFile())
        .isEqualTo(Path.of(".testnet/deployment.json").toAbsolutePath());
    assertThat(c.databaseUrl())
        .isEqualTo("jdbc:sqlite:" + Path.of("data/node").toAbsolutePath() + "/node.db");
    assertThat(c.keys().chainKeyFile())
        .isEqualTo(Path.of("data/node/keys/chain-key.json").toAbsolutePath());
    assertThat(c.broker().url()).isEmpty();
    assertThat(c.broker().embeddedPort()).isEqualTo(1883);
    assertThat(c.broker().mode()).isEqualTo("auto");
    assertThat(c.broker().mosquittoBinary()).isEmpty();
    assertThat(c.api().port()).isEqualTo(8645);
    assertThat(c.logLevel()).isEqualTo("INFO");
    assertThat(c.effective().get("api.port").source()).isEqualTo("default");
  }

  @Test
  void fileOverridesDefaultEnvironmentOverridesFileAndFlagOverridesEnvironment()
      throws IOException {
    ConfigLoader.FileChoice f =
        file(
            """
            api:
              port: 9001
              host: 0.0.0.0
            chain:
              confirmations: 3
              id: 5
            log:
              level: debug
            """);
    Map<String, String> env =
        Map.of("VPP_NODE_API_PORT", "9002", "VPP_NODE_CHAIN_CONFIRMATIONS", "4");
    Map<String, String> flags = Map.of("api.port", "9003");

    NodeConfig c = ConfigLoader.load(f, env, flags);

    assertThat(c.api().port()).isEqualTo(9003);
    assertThat(c.effective().get("api.port").source()).isEqualTo("flag --api-port");
    assertThat(c.chain().confirmations()).isEqualTo(4);
    assertThat(c.effective().get("chain.confirmations").source())
        .isEqualTo("environment VPP_NODE_CHAIN_CONFIRMATIONS");
    assertThat(c.api().host()).isEqualTo("0.0.0.0");
    assertThat(c.chain().id()).isEqualTo(5);
    assertThat(c.effective().get("chain.id").source()).startsWith("config file ");
    assertThat(c.logLevel()).isEqualTo("DEBUG");
    assertThat(c.chain().rpcUrl()).hasToString("http://127.0.0.1:8545");
  }

  @Test
  void eachSourceAloneIsRead() throws IOException {
    assertThat(ConfigLoader.load(file("api: {port: 7001}"), Map.of(), Map.of()).api().port())
        .isEqualTo(7001);
    assertThat(
            ConfigLoader.load(file(""), Map.of("VPP_NODE_API_PORT", "7002"), Map.of()).api().port())
        .isEqualTo(7002);
    assertThat(ConfigLoader.load(file(""), Map.of(), Map.of("api.port", "7003")).api().port())
        .isEqualTo(7003);
  }

  @Test
  void theDataDirectoryMovesTheFilesThatDefaultIntoIt() {
    NodeConfig c =
        ConfigLoader.load(
            new ConfigLoader.FileChoice(dir.resolve("absent.yaml"), false),
            Map.of("VPP_NODE_DATA_DIR", dir.resolve("n1").toString()),
            Map.of());
    assertThat(c.dataDir()).isEqualTo(dir.resolve("n1"));
    assertThat(c.databaseUrl()).isEqualTo("jdbc:sqlite:" + dir.resolve("n1") + "/node.db");
    assertThat(c.keys().p2pKeyFile()).isEqualTo(dir.resolve("n1/keys/p2p-identity.json"));
  }

  @Test
  void bootstrapPeersAreAYamlListOrACommaSeparatedFlag() throws IOException {
    String peer =
        "/ip4/10.0.0.1/tcp/4001/p2p/"
            + org.openvpp.node.p2p.crypto.PeerId.fromPublicKey(
                    org.openvpp.node.p2p.crypto.Ed25519Keys.generate().publicKey())
                .toBase58();
    NodeConfig fromFile =
        ConfigLoader.load(file("p2p:\n  bootstrap:\n    - " + peer + "\n"), Map.of(), Map.of());
    assertThat(fromFile.bootstrapPeers()).containsExactly(peer);
    NodeConfig fromFlag =
        ConfigLoader.load(file(""), Map.of(), Map.of("p2p.bootstrap", peer + "," + peer));
    assertThat(fromFlag.bootstrapPeers()).containsExactly(peer, peer);
  }

  @Test
  void theConfigFileIsTheFlagThenTheEnvironmentThenTheDefault() {
    assertThat(ConfigLoader.configFile(java.util.Optional.of(Path.of("a.yaml")), Map.of()))
        .isEqualTo(new ConfigLoader.FileChoice(Path.of("a.yaml"), true));
    assertThat(ConfigLoader.configFile(java.util.Optional.empty(), Map.of("VPP_NODE_CONFIG", "b")))
        .isEqualTo(new ConfigLoader.FileChoice(Path.of("b"), true));
    assertThat(ConfigLoader.configFile(java.util.Optional.empty(), Map.of()))
        .isEqualTo(new ConfigLoader.FileChoice(ConfigLoader.DEFAULT_FILE, false));
  }

  @Test
  void everyKeyHasAnEnvironmentVariableAndAFlagDerivedFromItsName() {
    ConfigKey k = ConfigKeys.get("chain.rpc-url");
    assertThat(k.envName()).isEqualTo("VPP_NODE_CHAIN_RPC_URL");
    assertThat(k.flag()).isEqualTo("--chain-rpc-url");
    assertThat(ConfigKeys.ALL.stream().map(ConfigKey::envName).distinct())
        .hasSize(ConfigKeys.ALL.size())
        .doesNotContain(ConfigKeys.PASSWORD_ENV, ConfigKeys.CONFIG_ENV);
  }
}
