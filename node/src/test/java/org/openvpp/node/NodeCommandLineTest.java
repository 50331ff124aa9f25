package org.openvpp.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.node.config.ConfigLoader;
import org.openvpp.node.config.NodeConfig;
import org.openvpp.node.keys.NodeKeyFiles;
import org.openvpp.node.keys.NodeKeys;
import picocli.CommandLine;

/** {@code vpp node init} and the start-up checks, run in-process through the real command line. */
class NodeCommandLineTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    CommandLine cl = NodeMain.commandLine(env);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void initWritesACommentedConfigAndDecryptableKeysAndRefusesASecondTime() throws IOException {
    Path config = dir.resolve("node.yaml");
    Map<String, String> env = Map.of("VPP_NODE_KEY_PASSWORD", "s3cret");
    int code =
        run(
            env,
            "init",
            "--config",
            config.toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "--api-port",
            "9100");

    assertThat(code).as(err.toString()).isZero();
    String text = Files.readString(config);
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(config)))
        .isEqualTo("rw-------");
    assertThat(text).contains("# port of the HTTP API").contains("port: \"9100\"");
    NodeConfig c = ConfigLoader.load(new ConfigLoader.FileChoice(config, true), Map.of(), Map.of());
    assertThat(c.api().port()).isEqualTo(9100);
    assertThat(c.keys().chainKeyFile()).isEqualTo(dir.resolve("data/keys/chain-key.json"));
    NodeKeys keys = NodeKeyFiles.unlock(c.keys(), env);
    assertThat(out.toString()).contains(keys.chainAddress()).contains(keys.peerId().toBase58());
    assertThat(out.toString() + err).doesNotContain("s3cret");

    String chainKey = Files.readString(c.keys().chainKeyFile());
    Files.delete(config); // even without the config, the keys are not replaced
    int again =
        run(
            env,
            "init",
            "--config",
            config.toString(),
            "--data-dir",
            dir.resolve("data").toString());

    assertThat(again).isEqualTo(2);
    assertThat(err.toString()).contains("chain-key.json exists already");
    assertThat(Files.readString(c.keys().chainKeyFile())).isEqualTo(chainKey);
    assertThat(config).doesNotExist();
  }

  @Test
  void initRefusesToOverwriteAConfigFile() throws IOException {
    Path config = dir.resolve("node.yaml");
    Files.writeString(config, "api: {port: 1}\n");
    int code = run(Map.of("VPP_NODE_KEY_PASSWORD", "x"), "init", "--config", config.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("node.yaml exists already");
    assertThat(Files.readString(config)).isEqualTo("api: {port: 1}\n");
  }

  @Test
  void initWithoutAPasswordSourceSaysWhereToPutIt() {
    int code =
        run(
            Map.of(),
            "init",
            "--config",
            dir.resolve("node.yaml").toString(),
            "--data-dir",
            dir.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("keys.password-file").contains("VPP_NODE_KEY_PASSWORD");
    assertThat(dir.resolve("keys")).doesNotExist();
  }

  @Test
  void aBadValueExitsTwoNamingTheKeyBeforeAnythingStarts() {
    int code = run(Map.of(), "--data-dir", dir.toString(), "--chain-confirmations", "many");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("error: chain.confirmations (flag --chain-confirmations): wrong type");
  }

  @Test
  void startingWithoutKeysOrDeploymentNamesEachFileToFix() {
    int code =
        run(
            Map.of("VPP_NODE_KEY_PASSWORD", "x"),
            "--data-dir",
            dir.toString(),
            "--chain-deployment-file",
            dir.resolve("missing.json").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("chain.deployment-file (flag --chain-deployment-file): unreadable file")
        .contains("keys.chain-key-file (default): unreadable file")
        .contains("run `vpp node init`");
  }

  @Test
  void anUnknownFlagIsAUsageErrorWithExitTwo() {
    assertThat(run(Map.of(), "--api-prot", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("--api-prot");
  }
}
