package org.openvpp.wallet.oem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.KeyType;
import org.openvpp.contracts.merkle.StandardMerkleTree;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.wallet.testing.WalletChain;
import org.openvpp.wallet.testing.WalletCli.Result;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * A 10,000-device production batch: certified into files and one root, the root published, and
 * devices from the start, middle and end of the batch registered with their proofs.
 */
@ExtendWith(AnvilExtension.class)
class BulkCertificationIT {
  private static final int DEVICES = 10_000;

  @TempDir Path dir;
  private WalletChain w;

  @BeforeEach
  void setUp(Anvil anvil) throws Exception {
    w = new WalletChain(anvil, dir);
    Result model =
        w.cli.run(
            "-a",
            "oem",
            "oem",
            "register-model",
            "--class",
            "PV_INVERTER",
            "--power-w",
            "8000",
            "--name",
            "Sun 8");
    assertThat(model.code()).as(model.toString()).isZero();
  }

  @Test
  void certifiesTenThousandDevicesUnderOneRootThatTheRegistryAccepts() throws Exception {
    SecureRandom random = new SecureRandom();
    List<String> devices = new ArrayList<>(DEVICES);
    StringBuilder csv = new StringBuilder("address,serial\n");
    for (int i = 0; i < DEVICES; i++) {
      byte[] a = new byte[20];
      random.nextBytes(a);
      devices.add(Numeric.toHexString(a));
      csv.append(devices.get(i)).append(",SUN8-").append(i).append('\n');
    }
    Files.writeString(dir.resolve("devices.csv"), csv);
    Path out = dir.resolve("batch");

    long start = System.nanoTime();
    Result certify =
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
            "--json");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(certify.code()).as(certify.toString()).isZero();
    assertThat(millis).as("certifying 10,000 devices took %d ms", millis).isLessThan(60_000);
    assertThat(certify.err()).contains("certificates written 10,000/10,000");
    try (Stream<Path> files = Files.list(out.resolve("certificates"))) {
      assertThat(files.count()).isEqualTo(DEVICES);
    }

    // The root, recomputed independently of the command from the CSV's values.
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < DEVICES; i++) {
      leaves.add(
          new DeviceCertificate(
                  devices.get(i),
                  KeyType.SECP256K1,
                  0,
                  8000,
                  0,
                  DeviceClass.PV_INVERTER,
                  Hash.sha3(("SUN8-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
              .abiEncoded());
    }
    String root = Numeric.toHexString(StandardMerkleTree.of(leaves).root());
    JsonNode summary = certify.json();
    assertThat(summary.path("root").asText()).isEqualTo(root);
    assertThat(summary.path("devices").asInt()).isEqualTo(DEVICES);

    Result publish = w.cli.run("-a", "oem", "oem", "publish", out.toString());
    assertThat(publish.code()).as(publish.toString()).isZero();
    for (int i : new int[] {0, DEVICES / 2, DEVICES - 1}) {
      Path cert = out.resolve("certificates").resolve(devices.get(i) + ".json");
      Result reg = w.cli.run("-a", "owner", "device", "register", cert.toString());
      assertThat(reg.code()).as(reg.toString()).isZero();
    }
    assertThat(w.chain.devices(w.chain.admin()).deviceCount().send())
        .isEqualTo(BigInteger.valueOf(3));
  }
}
