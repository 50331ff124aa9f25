package org.openvpp.wallet.oem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.Oem;
import org.openvpp.wallet.testing.WalletChain;
import org.openvpp.wallet.testing.WalletCli.Result;

/** An OEM's work: models, a certified batch under one root, registration from it, revocation. */
@ExtendWith(AnvilExtension.class)
class OemCommandsIT {
  @TempDir Path dir;
  private WalletChain w;

  @BeforeEach
  void setUp(Anvil anvil) throws Exception {
    w = new WalletChain(anvil, dir);
    ok(
        w.cli.run(
            "-a",
            "oem",
            "oem",
            "register-model",
            "--class",
            "EV_CHARGER",
            "--power-w",
            "11000",
            "--name",
            "Wallbox 11"));
  }

  private static Result ok(Result r) {
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }

  private List<String> csv(Path file, int devices) throws Exception {
    List<String> addresses = new ArrayList<>();
    StringBuilder b = new StringBuilder("address,serial\n");
    for (int i = 0; i < devices; i++) {
      String a = Oem.newDeviceKey().getAddress();
      addresses.add(a);
      b.append(a).append(",WB11-").append(i).append(i % 2 == 0 ? ",7400" : "").append('\n');
    }
    Files.writeString(file, b);
    return addresses;
  }

  @Test
  void registersAndListsModels() {
    JsonNode models = w.cli.run("oem", "models", "--json").json();
    assertThat(models).hasSize(1);
    assertThat(models.get(0).path("name").asText()).isEqualTo("Wallbox 11");
    assertThat(models.get(0).path("oem").asText()).isEqualTo(w.oem);
    assertThat(w.cli.run("oem", "models", "--oem", "owner", "--json").json()).isEmpty();
    Result batteryWithoutCapacity =
        w.cli.run(
            "-a",
            "oem",
            "oem",
            "register-model",
            "--class",
            "HOME_BATTERY",
            "--power-w",
            "5000",
            "--name",
            "x");
    assertThat(batteryWithoutCapacity.code()).isEqualTo(2);
    Result notAdmitted =
        w.cli.run(
            "-a",
            "owner",
            "oem",
            "register-model",
            "--class",
            "EV_CHARGER",
            "--power-w",
            "5000",
            "--name",
            "x");
    assertThat(notAdmitted.code()).isEqualTo(1);
    assertThat(notAdmitted.err()).contains("OemNotAdmitted(" + w.owner + ")");
  }

  @Test
  void certifiesABatchPublishesItsRootAndDevicesRegisterWithTheirProofs() throws Exception {
    List<String> devices = csv(dir.resolve("devices.csv"), 20);
    Path out = dir.resolve("batch");
    Result certify =
        ok(
            w.cli.run(
                "-a",
                "oem",
                "oem",
                "certify-batch",
                "--model",
                "0",
                "--csv",
                dir.resolve("devices.csv").toString(),
                "--out",
                out.toString(),
                "--json"));
    String root = certify.json().path("root").asText();
    assertThat(certify.err()).contains("certificates written 20/20");
    Result publish = ok(w.cli.run("-a", "oem", "oem", "publish", out.toString(), "--json"));
    assertThat(publish.json().path("root").asText()).isEqualTo(root);
    assertThat(publish.json().path("batch").asInt()).isZero();

    for (int i = 0; i < 3; i++) {
      Path cert = out.resolve("certificates").resolve(devices.get(i) + ".json");
      Result reg = ok(w.cli.run("-a", "owner", "device", "register", cert.toString(), "--json"));
      assertThat(reg.json().path("batch").asInt()).isZero();
    }
    JsonNode listed = w.cli.run("oem", "devices", "--model", "0", "--json").json();
    assertThat(listed).hasSize(3);
    assertThat(
            w.cli
                .run("device", "show", devices.get(0), "--json")
                .json()
                .path("ratedPowerW")
                .asLong())
        .isEqualTo(7400);
    assertThat(
            w.cli
                .run("device", "show", devices.get(1), "--json")
                .json()
                .path("ratedPowerW")
                .asLong())
        .isEqualTo(11000);
  }

  @Test
  void aBatchCertificateNeedsItsRootPublished() throws Exception {
    List<String> devices = csv(dir.resolve("devices.csv"), 4);
    Path out = dir.resolve("batch");
    ok(
        w.cli.run(
            "-a",
            "oem",
            "oem",
            "certify-batch",
            "--model",
            "0",
            "--csv",
            dir.resolve("devices.csv").toString(),
            "--out",
            out.toString()));
    Result r =
        w.cli.run(
            "-a",
            "owner",
            "device",
            "register",
            out.resolve("certificates").resolve(devices.get(0) + ".json").toString());
    assertThat(r.code()).isEqualTo(7);
    assertThat(r.err()).contains("not published").contains("oem publish");
  }

  @Test
  void revokesItsOwnDevicesOnly() throws Exception {
    List<String> devices = csv(dir.resolve("devices.csv"), 2);
    Path out = dir.resolve("batch");
    ok(
        w.cli.run(
            "-a",
            "oem",
            "oem",
            "certify-batch",
            "--model",
            "0",
            "--csv",
            dir.resolve("devices.csv").toString(),
            "--out",
            out.toString()));
    ok(w.cli.run("-a", "oem", "oem", "publish", out.toString()));
    ok(
        w.cli.run(
            "-a",
            "owner",
            "device",
            "register",
            out.resolve("certificates").resolve(devices.get(0) + ".json").toString()));

    Result notTheirs = w.cli.run("-a", "owner", "oem", "revoke", devices.get(0));
    assertThat(notTheirs.code()).isEqualTo(1);
    assertThat(notTheirs.err()).contains("NotDeviceOem");
    ok(w.cli.run("-a", "oem", "oem", "revoke", devices.get(0)));
    assertThat(
            w.cli
                .run("oem", "devices", "--model", "0", "--json")
                .json()
                .get(0)
                .path("status")
                .asText())
        .isEqualTo("revoked");
    Result unknown = w.cli.run("-a", "oem", "oem", "revoke", devices.get(1));
    assertThat(unknown.code()).isEqualTo(7);
  }

  @Test
  void refusesOtherOemsModelsUnknownModelsAndBadCsvLines() throws Exception {
    csv(dir.resolve("devices.csv"), 2);
    String csv = dir.resolve("devices.csv").toString();
    Result other =
        w.cli.run(
            "-a",
            "owner",
            "oem",
            "certify-batch",
            "--model",
            "0",
            "--csv",
            csv,
            "--out",
            dir.resolve("o").toString());
    assertThat(other.code()).isEqualTo(2);
    assertThat(other.err()).contains("model 0 belongs to OEM " + w.oem);
    Result unknown =
        w.cli.run(
            "-a",
            "oem",
            "oem",
            "certify-batch",
            "--model",
            "9",
            "--csv",
            csv,
            "--out",
            dir.resolve("u").toString());
    assertThat(unknown.code()).isEqualTo(7);
    assertThat(unknown.err()).contains("unknown model 9");
    Files.writeString(dir.resolve("over.csv"), Oem.newDeviceKey().getAddress() + ",S1,22000\n");
    Result over =
        w.cli.run(
            "-a",
            "oem",
            "oem",
            "certify-batch",
            "--model",
            "0",
            "--csv",
            dir.resolve("over.csv").toString(),
            "--out",
            dir.resolve("v").toString());
    assertThat(over.code()).isEqualTo(2);
    assertThat(over.err()).contains("line 1").contains("1..11000 W");
  }
}
