package org.openvpp.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every class of bad value is refused with the key named and the reason; all at once. */
class ConfigValidationTest {
  @TempDir Path dir;

  private List<ConfigProblem> problems(
      String yaml, Map<String, String> env, Map<String, String> flags) throws IOException {
    Path f = dir.resolve("node.yaml");
    Files.writeString(f, yaml);
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> ConfigLoader.load(new ConfigLoader.FileChoice(f, true), env, flags));
    assertThat(e).as("expected the config to be refused").isNotNull();
    return e.problems();
  }

  private ConfigProblem only(String yaml, Map<String, String> env, Map<String, String> flags)
      throws IOException {
    List<ConfigProblem> p = problems(yaml, env, flags);
    assertThat(p).hasSize(1);
    return p.get(0);
  }

  @Test
  void aRequiredKeyGivenEmptyIsMissing() throws IOException {
    ConfigProblem p = only("api:\n  port:\n", Map.of(), Map.of());
    assertThat(p.key()).isEqualTo("api.port");
    assertThat(p.reason()).startsWith("missing").contains("default 8645");
    assertThat(p.source()).startsWith("config file ");
  }

  @Test
  void aWordWhereANumberBelongsIsTheWrongType() throws IOException {
    ConfigProblem p = only("", Map.of("VPP_NODE_API_PORT", "eighty"), Map.of());
    assertThat(p.message())
        .isEqualTo(
            "api.port (environment VPP_NODE_API_PORT): wrong type: expected a whole number, got"
                + " 'eighty'");
  }

  @Test
  void aMappingWhereAValueBelongsIsTheWrongType() throws IOException {
    ConfigProblem p = only("chain:\n  rpc-url:\n    host: x\n", Map.of(), Map.of());
    assertThat(p.key()).isEqualTo("chain.rpc-url");
    assertThat(p.reason()).isEqualTo("wrong type: expected a single value, got a mapping");
  }

  @Test
  void urlsMustHaveTheirScheme() throws IOException {
    assertThat(only("", Map.of(), Map.of("chain.rpc-url", "127.0.0.1:8545")).message())
        .startsWith("chain.rpc-url (flag --chain-rpc-url): wrong type: expected a URL");
    assertThat(only("broker: {url: 'http://h:1883'}", Map.of(), Map.of()).key())
        .isEqualTo("broker.url");
    assertThat(only("", Map.of(), Map.of("database.url", "jdbc:mysql://h/db")).reason())
        .startsWith("unsupported");
  }

  @Test
  void numbersOutsideTheirRangeAreRefused() throws IOException {
    assertThat(only("", Map.of(), Map.of("api.port", "70000")).reason())
        .isEqualTo("out of range: must be between 0 and 65535, got 70000");
    assertThat(only("chain: {confirmations: -1}", Map.of(), Map.of()).key())
        .isEqualTo("chain.confirmations");
    assertThat(only("", Map.of(), Map.of("broker.embedded-port", "0")).key())
        .isEqualTo("broker.embedded-port");
    assertThat(only("", Map.of(), Map.of("shutdown.timeout-ms", "10")).key())
        .isEqualTo("shutdown.timeout-ms");
    assertThat(only("", Map.of(), Map.of("chain.id", "0")).reason())
        .isEqualTo("out of range: must be at least 1, got 0");
  }

  @Test
  void theReorgHorizonMustExceedTheConfirmationDepth() throws IOException {
    ConfigProblem p = only("chain: {confirmations: 12, reorg-horizon: 12}", Map.of(), Map.of());
    assertThat(p.key()).isEqualTo("chain.reorg-horizon");
    assertThat(p.reason()).startsWith("out of range: must exceed chain.confirmations (12)");
    assertThat(only("", Map.of(), Map.of("chain.poll-interval-ms", "5")).key())
        .isEqualTo("chain.poll-interval-ms");
    assertThat(only("", Map.of(), Map.of("outbox.interval-ms", "x")).key())
        .isEqualTo("outbox.interval-ms");
    assertThat(only("", Map.of(), Map.of("database.url", "jdbc:sqlite::memory:")).key())
        .isEqualTo("database.url");
  }

  @Test
  void aPasswordInTheDatabaseUrlNeverReachesTheLogOrAnError() throws IOException {
    String url = "jdbc:postgresql://db:5432/vpp?user=node&password=hunter2";
    NodeConfig c =
        ConfigLoader.load(
            new ConfigLoader.FileChoice(dir.resolve("absent.yaml"), false),
            Map.of("VPP_NODE_DATABASE_URL", url),
            Map.of());
    assertThat(c.databaseUrl()).isEqualTo(url);
    assertThat(String.join("\n", c.describe()))
        .contains("jdbc:postgresql://db:5432/vpp?***")
        .doesNotContain("hunter2");
    assertThat(only("", Map.of(), Map.of("database.url", "jdbc:mysql://u:hunter2@h/db")).reason())
        .doesNotContain("hunter2");
  }

  @Test
  void p2pValuesAreCheckedByTheHostsOwnRules() throws IOException {
    assertThat(only("p2p: {listen: /ip4/1.2.3.4}", Map.of(), Map.of()).key())
        .isEqualTo("p2p.listen");
    ConfigProblem peer = only("", Map.of(), Map.of("p2p.bootstrap", "/ip4/10.0.0.1/tcp/4001"));
    assertThat(peer.key()).isEqualTo("p2p.bootstrap");
    assertThat(peer.reason()).contains("/p2p/<peer id>");
    assertThat(only("", Map.of(), Map.of("p2p.max-connections", "0")).key())
        .isEqualTo("p2p.max-connections");
  }

  @Test
  void anUnknownKeyIsNamedWithTheKeyItProbablyMeant() throws IOException {
    ConfigProblem p = only("chain:\n  rpcurl: http://x:1\n", Map.of(), Map.of());
    assertThat(p.key()).isEqualTo("chain.rpcurl");
    assertThat(p.reason()).isEqualTo("unknown key (did you mean chain.rpc-url?)");
    assertThat(only("", Map.of("VPP_NODE_API_PROT", "1"), Map.of()).key())
        .isEqualTo("VPP_NODE_API_PROT");
  }

  @Test
  void aLogLevelMustBeOneOfTheFive() throws IOException {
    assertThat(only("log: {level: loud}", Map.of(), Map.of()).key()).isEqualTo("log.level");
  }

  @Test
  void theBrokerModeIsOneOfFourAndAgreesWithTheBrokerUrl() throws IOException {
    ConfigProblem unknown = only("broker: {mode: hivemq}", Map.of(), Map.of());
    assertThat(unknown.key()).isEqualTo("broker.mode");
    assertThat(unknown.reason())
        .contains("auto, mosquitto, embedded or external")
        .contains("hivemq");
    ConfigProblem noUrl = only("", Map.of("VPP_NODE_BROKER_MODE", "external"), Map.of());
    assertThat(noUrl.key()).isEqualTo("broker.mode");
    assertThat(noUrl.reason()).contains("broker.url is empty");
    ConfigProblem both =
        only("broker: {mode: mosquitto, url: 'tcp://10.0.0.1:1883'}", Map.of(), Map.of());
    assertThat(both.reason()).contains("is mosquitto but broker.url is set");
  }

  @Test
  void brokerSignInAppliesToAnExternalBrokerOnlyAndNeedsItsCounterpart() throws IOException {
    ConfigProblem local = only("broker: {username: node7}", Map.of(), Map.of());
    assertThat(local.key()).isEqualTo("broker.username");
    assertThat(local.reason()).contains("broker.url is empty");
    ConfigProblem noUser =
        only(
            "broker: {url: 'ssl://10.0.0.1:8883', password-file: /run/secrets/mqtt}",
            Map.of(),
            Map.of());
    assertThat(noUser.key()).isEqualTo("broker.password-file");
    assertThat(noUser.reason()).contains("broker.username is empty");
    ConfigProblem noStore =
        only(
            "broker: {url: 'ssl://10.0.0.1:8883', tls-truststore-password-file: /run/x}",
            Map.of(),
            Map.of());
    assertThat(noStore.key()).isEqualTo("broker.tls-truststore-password-file");
  }

  @Test
  void bridgeTuningIsCheckedByRangeAndName() throws IOException {
    List<ConfigProblem> p =
        problems(
            "bridge: {heartbeat-interval-ms: 9000, dispatch-ack-timeout-ms: 10,"
                + " verifier-threads: 65, store-synchronous: EXTRA}",
            Map.of(),
            Map.of());
    assertThat(p)
        .extracting(ConfigProblem::key)
        .containsExactlyInAnyOrder(
            "bridge.heartbeat-interval-ms",
            "bridge.dispatch-ack-timeout-ms",
            "bridge.verifier-threads",
            "bridge.store-synchronous");
    assertThat(p.stream().filter(x -> x.key().equals("bridge.store-synchronous")).findFirst())
        .hasValueSatisfying(
            x -> assertThat(x.reason()).contains("FULL or NORMAL").contains("EXTRA"));
  }

  @Test
  void brokenYamlNamesTheLine() throws IOException {
    ConfigProblem p = only("api:\n  port: [1,\n", Map.of(), Map.of());
    assertThat(p.key()).isEqualTo("config file");
    assertThat(p.reason()).startsWith("not valid YAML at line");
  }

  @Test
  void everyProblemIsReportedInOneRun() throws IOException {
    List<ConfigProblem> p =
        problems(
            "api: {port: x}\nbogus: 1\n",
            Map.of("VPP_NODE_CHAIN_ID", "-5"),
            Map.of("log.level", "LOUD"));
    assertThat(p)
        .extracting(ConfigProblem::key)
        .containsExactlyInAnyOrder("bogus", "api.port", "chain.id", "log.level");
  }

  @Test
  void anExplicitConfigFileThatDoesNotExistIsUnreadable() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.load(
                    new ConfigLoader.FileChoice(dir.resolve("nope.yaml"), true),
                    Map.of(),
                    Map.of()));
    assertThat(e.problems()).hasSize(1);
    assertThat(e.getMessage()).contains("nope.yaml").contains("does not exist");
  }

  @Test
  void startChecksNameMissingFilesAndAMissingPassword() throws IOException {
    NodeConfig c =
        ConfigLoader.load(
            new ConfigLoader.FileChoice(dir.resolve("absent.yaml"), false),
            Map.of(
                "VPP_NODE_DATA_DIR", dir.toString(),
                "VPP_NODE_CHAIN_DEPLOYMENT_FILE", dir.resolve("none.json").toString()),
            Map.of());
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> StartChecks.check(c, Map.of()));
    assertThat(e.problems())
        .extracting(ConfigProblem::key)
        .containsExactlyInAnyOrder(
            "chain.deployment-file",
            "keys.chain-key-file",
            "keys.p2p-key-file",
            "keys.password-file");
    assertThat(e.getMessage()).contains("run `vpp node init`").contains("VPP_NODE_KEY_PASSWORD");
  }

  @Test
  void startChecksNameAnUnreadableBrokerSecret() throws IOException {
    NodeConfig c =
        ConfigLoader.load(
            new ConfigLoader.FileChoice(dir.resolve("absent.yaml"), false),
            Map.of(
                "VPP_NODE_DATA_DIR",
                dir.toString(),
                "VPP_NODE_BROKER_URL",
                "ssl://10.0.0.1:8883",
                "VPP_NODE_BROKER_USERNAME",
                "node7",
                "VPP_NODE_BROKER_PASSWORD_FILE",
                dir.resolve("no-such-secret").toString()),
            Map.of());
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> StartChecks.check(c, Map.of()));
    assertThat(e.problems()).extracting(ConfigProblem::key).contains("broker.password-file");
    assertThat(e.getMessage()).contains("no-such-secret").contains("does not exist");
  }

  @Test
  void aDeploymentFileThatIsNotJsonOrForAnotherChainIsRefused() throws IOException {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "not json");
    NodeConfig c =
        ConfigLoader.load(
            new ConfigLoader.FileChoice(dir.resolve("absent.yaml"), false),
            Map.of(),
            Map.of("chain.deployment-file", bad.toString()));
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> StartChecks.check(c, Map.of("VPP_NODE_KEY_PASSWORD", "x")));
    assertThat(e.problems())
        .filteredOn(p -> p.key().equals("chain.deployment-file"))
        .singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("is not a deployment JSON"));

    Path other = dir.resolve("other.json");
    new org.openvpp.contracts.deploy.Deployment(
            1, 0, "0x0", "0x0", Map.of("DeviceRegistry", "0x" + "1".repeat(40)), Map.of())
        .write(other);
    NodeConfig c2 =
        ConfigLoader.load(
            new ConfigLoader.FileChoice(dir.resolve("absent.yaml"), false),
            Map.of(),
            Map.of("chain.deployment-file", other.toString()));
    ConfigException e2 =
        catchThrowableOfType(
            ConfigException.class,
            () -> StartChecks.check(c2, Map.of("VPP_NODE_KEY_PASSWORD", "x")));
    assertThat(e2.problems())
        .filteredOn(p -> p.key().equals("chain.id"))
        .singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("is for chain 1"));
  }

  @Test
  void theApiBodyLimitAndReadAccessAreChecked() throws IOException {
    assertThat(only("api: {body-limit: 100}", Map.of(), Map.of()).reason())
        .isEqualTo("out of range: must be between 256 and 1048576, got 100");
    assertThat(only("", Map.of("VPP_NODE_API_BODY_LIMIT", "16k"), Map.of()).message())
        .isEqualTo(
            "api.body-limit (environment VPP_NODE_API_BODY_LIMIT): wrong type: expected a whole"
                + " number, got '16k'");
    assertThat(only("", Map.of(), Map.of("api.reads-need-token", "yes")).message())
        .isEqualTo(
            "api.reads-need-token (flag --api-reads-need-token): wrong value: expected true,"
                + " false or auto, got 'yes'");
  }

  @Test
  void theApiReadAccessIsAutoUnlessSaid() throws IOException {
    Path f = dir.resolve("ok.yaml");
    Files.writeString(f, "api: {body-limit: 1024}\n");
    ConfigLoader.FileChoice file = new ConfigLoader.FileChoice(f, true);
    NodeConfig auto = ConfigLoader.load(file, Map.of(), Map.of());
    assertThat(auto.api().bodyLimit()).isEqualTo(1024);
    assertThat(auto.api().readsNeedToken()).isEmpty();
    assertThat(
            ConfigLoader.load(file, Map.of("VPP_NODE_API_READS_NEED_TOKEN", "TRUE"), Map.of())
                .api()
                .readsNeedToken())
        .contains(true);
    assertThat(
            ConfigLoader.load(file, Map.of(), Map.of("api.reads-need-token", "false"))
                .api()
                .readsNeedToken())
        .contains(false);
  }
}
