package org.openvpp.testnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The gas harness end to end on a real chain, with small batches so it stays quick. */
class GasReportIT {

  @Test
  void measuresEveryOperationAndWritesJsonAndMarkdown(@TempDir Path out) throws Exception {
    int code =
        new CommandLine(new GasReport()).execute("--batch-sizes", "1,3", "--out", out.toString());

    assertThat(code).isZero();
    JsonNode gas = new ObjectMapper().readTree(out.resolve("gas.json").toFile());
    for (String op :
        new String[] {
          "FlexToken.permit",
          "DeviceRegistry.registerDevice",
          "DeviceRegistry.bindOwner",
          "DeviceRegistry.acceptOwnership",
          "NodeRegistry.register",
          "NodeRegistry.withdraw",
          "NodeRegistry.slash"
        }) {
      assertThat(gas.path(op).asLong()).as(op).isBetween(21_000L, 1_000_000L);
    }
    assertThat(gas.path("bulkOnboarding.perDeviceGas").path("3").asLong()).isPositive();
    assertThat(gas.path("_meta").path("command").asText()).isEqualTo("./vpp gas-report");
    assertThat(Files.readString(out.resolve("gas.md"))).contains("| FlexToken.permit |");
  }
}
