package org.openvpp.wallet.owner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.Oem;
import org.openvpp.wallet.testing.WalletChain;
import org.openvpp.wallet.testing.WalletCli.Result;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Wallet;
import org.web3j.protocol.ObjectMapperFactory;

/** An owner's device life: certificate, registration, binding, transfer, listing. */
@ExtendWith(AnvilExtension.class)
class DeviceCommandsIT {
  private static final String DEVICE_PASSWORD = "device pass";

  @TempDir Path dir;
  private WalletChain w;
  private Credentials deviceKey;
  private Path deviceKeyFile;
  private String device;

  @BeforeEach
  void setUp(Anvil anvil) throws Exception {
    w = new WalletChain(anvil, dir);
    w.cli.env("VPP_WALLET_DEVICE_PASSWORD", DEVICE_PASSWORD);
    deviceKey = Oem.newDeviceKey();
    device = deviceKey.getAddress();
    deviceKeyFile = dir.resolve("device-key.json");
    ObjectMapperFactory.getObjectMapper()
        .writeValue(
            deviceKeyFile.toFile(), Wallet.createLight(DEVICE_PASSWORD, deviceKey.getEcKeyPair()));
  }

  private void ok(Result r) {
    assertThat(r.code()).as(r.toString()).isZero();
  }

  /** OEM registers a battery model and certifies the device; the owner registers it. */
  private void registerDevice() {
    ok(
        w.cli.run(
            "-a",
            "oem",
            "oem",
            "register-model",
            "--class",
            "home_battery",
            "--power-w",
            "5000",
            "--capacity-wh",
            "10000",
            "--name",
            "PowerBox"));
    Path cert = dir.resolve("cert.json");
    ok(
        w.cli.run(
            "-a",
            "oem",
            "oem",
            "certify",
            "--model",
            "0",
            "--device",
            device,
            "--serial",
            "PB-1",
            "--out",
            cert.toString()));
    ok(w.cli.run("-a", "owner", "device", "register", cert.toString()));
  }

  @Test
  void registersBindsAndListsADeviceWithItsCertificateAndSignature() {
    registerDevice();
    Result bind =
        w.cli.run(
            "-a", "owner", "device", "bind", device, "--device-key-file", deviceKeyFile.toString());
    ok(bind);
    assertThat(bind.out()).contains("owner        " + w.owner);

    JsonNode list = w.cli.run("-a", "owner", "device", "list", "--json").json();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("device").asText()).isEqualTo(device);
    assertThat(list.get(0).path("status").asText()).isEqualTo("active");
    assertThat(list.get(0).path("class").asText()).isEqualTo("HOME_BATTERY");
    assertThat(list.get(0).path("ratedPowerW").asLong()).isEqualTo(5000);
    assertThat(w.cli.run("-a", "other", "device", "list", "--json").json()).isEmpty();
    Result table = w.cli.run("-a", "owner", "device", "list");
    assertThat(table.out()).startsWith("DEVICE").contains(device);
  }

  @Test
  void bindsFromASignatureFileTheDeviceMadeAndRefusesAForeignOne() {
    registerDevice();
    Path sig = dir.resolve("bind.json");
    ok(
        w.cli.run(
            "-a",
            "owner",
            "device",
            "sign-bind",
            "--device-key-file",
            deviceKeyFile.toString(),
            "--out",
            sig.toString()));

    Result wrongOwner =
        w.cli.run("-a", "other", "device", "bind", device, "--signature-file", sig.toString());
    assertThat(wrongOwner.code()).isEqualTo(2);
    assertThat(wrongOwner.err()).contains("binds device " + device + " to " + w.owner);

    ok(
        w.cli.run(
            "-a",
            "other",
            "device",
            "bind",
            device,
            "--owner",
            "owner",
            "--signature-file",
            sig.toString()));
    assertThat(w.cli.run("device", "show", device, "--json").json().path("owner").asText())
        .isEqualTo(w.owner);

    Result reused =
        w.cli.run("-a", "owner", "device", "bind", device, "--signature-file", sig.toString());
    assertThat(reused.code()).isEqualTo(2);
    assertThat(reused.err()).contains("nonce 0").contains("nonce 1");
  }

  @Test
  void ownershipMovesInTwoStepsAndAnOfferCanBeWithdrawn() {
    registerDevice();
    ok(
        w.cli.run(
            "-a",
            "owner",
            "device",
            "bind",
            device,
            "--device-key-file",
            deviceKeyFile.toString()));

    ok(w.cli.run("-a", "owner", "device", "offer", device, "operator"));
    assertThat(w.cli.run("device", "show", device, "--json").json().path("pendingOwner").asText())
        .isEqualTo(w.operator);
    ok(w.cli.run("-a", "owner", "device", "cancel-offer", device));
    Result late = w.cli.run("-a", "operator", "device", "accept", device);
    assertThat(late.code()).isEqualTo(1);
    assertThat(late.err()).contains("would revert").contains("NotPendingOwner");

    ok(w.cli.run("-a", "owner", "device", "offer", device, w.other));
    ok(w.cli.run("-a", "other", "device", "accept", device));
    assertThat(w.cli.run("-a", "other", "device", "list", "--json").json()).hasSize(1);
    assertThat(w.cli.run("-a", "owner", "device", "list", "--json").json()).isEmpty();
  }

  @Test
  void theOwnerAssignsTheDeviceToANodeAndATransferClearsIt() {
    registerDevice();
    ok(
        w.cli.run(
            "-a",
            "owner",
            "device",
            "bind",
            device,
            "--device-key-file",
            deviceKeyFile.toString()));
    assertThat(w.cli.run("device", "show", device, "--json").json().path("node").isNull()).isTrue();

    Result notOwner = w.cli.run("-a", "other", "device", "assign-node", device, "operator");
    assertThat(notOwner.code()).isEqualTo(1);
    assertThat(notOwner.err()).contains("NotDeviceOwner").contains("choose --account");

    Result assigned = w.cli.run("-a", "owner", "device", "assign-node", device, "operator");
    ok(assigned);
    assertThat(assigned.out()).contains(w.operator);
    assertThat(w.cli.run("device", "show", device, "--json").json().path("node").asText())
        .isEqualTo(w.operator);
    JsonNode list = w.cli.run("-a", "owner", "device", "list", "--json").json();
    assertThat(list.get(0).path("node").asText()).isEqualTo(w.operator);
    assertThat(w.cli.run("-a", "owner", "device", "list").out()).contains(w.operator);
    Result again = w.cli.run("-a", "owner", "device", "assign-node", device, w.operator);
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("NodeAlreadyAssigned");

    ok(w.cli.run("-a", "owner", "device", "assign-node", device, "none"));
    assertThat(w.cli.run("device", "show", device, "--json").json().path("node").isNull()).isTrue();
    ok(w.cli.run("-a", "owner", "device", "assign-node", device, "operator"));
    ok(w.cli.run("-a", "owner", "device", "offer", device, "other"));
    ok(w.cli.run("-a", "other", "device", "accept", device));
    assertThat(w.cli.run("device", "show", device, "--json").json().path("node").isNull()).isTrue();
  }

  @Test
  void onlyTheOwnerMayOfferAndTheDecodedErrorSaysSo() {
    registerDevice();
    ok(
        w.cli.run(
            "-a",
            "owner",
            "device",
            "bind",
            device,
            "--device-key-file",
            deviceKeyFile.toString()));
    Result r = w.cli.run("-a", "other", "device", "offer", device, "other");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .startsWith(
            "error: offer would revert (nothing sent): NotDeviceOwner("
                + device
                + ", "
                + w.other
                + ")")
        .contains("choose --account");
  }

  @Test
  void anUnknownDeviceIsExitSeven() {
    String unknown = Oem.newDeviceKey().getAddress();
    for (String[] args :
        new String[][] {
          {"device", "show", unknown},
          {"-a", "owner", "device", "offer", unknown, "other"},
          {"-a", "owner", "device", "bind", unknown, "--device-key-file", "x.json"}
        }) {
      Result r = w.cli.run(args);
      assertThat(r.code()).as(r.toString()).isEqualTo(7);
      assertThat(r.err()).contains("unknown device " + unknown).contains("device register");
    }
  }

  @Test
  void aCertificateRegistersOnceAndAWrongDevicePasswordIsExitThree() {
    registerDevice();
    Result again =
        w.cli.run("-a", "owner", "device", "register", dir.resolve("cert.json").toString());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("DeviceAlreadyRegistered");
    Result wrong =
        w.cli
            .env("VPP_WALLET_DEVICE_PASSWORD", "nope")
            .run(
                "-a",
                "owner",
                "device",
                "bind",
                device,
                "--device-key-file",
                deviceKeyFile.toString());
    assertThat(wrong.code()).isEqualTo(3);
  }
}
