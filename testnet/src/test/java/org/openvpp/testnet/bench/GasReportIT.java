package org.openvpp.testnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The gas harness end to end on a real chain, with small onboarding batches and few claim rounds so
 * it stays quick; evidence roots are measured at the full 1, 100 and 10,000 devices.
 */
class GasReportIT {
  private static final int CLAIM_ROUNDS = 4;

  @Test
  @Timeout(300)
  void measuresEveryOperationAndWritesJsonAndMarkdown(@TempDir Path out) throws Exception {
    int code =
        new CommandLine(new GasReport())
            .execute(
                "--batch-sizes",
                "1,3",
                "--evidence-sizes",
                "1,100,10000",
                "--claim-rounds",
                String.valueOf(CLAIM_ROUNDS),
                "--out",
                out.toString());

    assertThat(code).isZero();
    JsonNode gas = new ObjectMapper().readTree(out.resolve("gas.json").toFile());
    for (String op :
        new String[] {
          "FlexToken.permit",
          "DeviceRegistry.registerDevice",
          "DeviceRegistry.bindOwner",
          "DeviceRegistry.setNode",
          "DeviceRegistry.acceptOwnership",
          "NodeRegistry.register",
          "NodeRegistry.withdraw",
          "NodeRegistry.slash",
          "FlexibilityCoordinator.postRequest",
          "FlexibilityCoordinator.commitBid",
          "FlexibilityCoordinator.revealBid",
          "FlexibilityCoordinator.cancel",
          "FlexibilityCoordinator.reclaimDeposit",
          "FlexibilityCoordinator.releaseEscrow",
          "FlexibilityCoordinator.withdraw",
          "Settlement.submitEvidence",
          "Settlement.submitContribution",
          "Settlement.fundContributions",
          "Settlement.drawCommittee",
          "Settlement.attest",
          "Settlement.finalize",
          "FraudProofs.challenge",
          "Settlement.claim",
          "Settlement.claimMany",
          "Settlement.withdrawFees",
          "Settlement.setParams",
          "claimGas" + CLAIM_ROUNDS + "Settlements"
        }) {
      assertThat(gas.path(op).asLong()).as(op).isBetween(21_000L, 1_000_000L);
    }
    for (String contract : new String[] {"FlexibilityCoordinator", "Settlement", "FraudProofs"}) {
      assertThat(gas.path(contract + ".deploy").asLong())
          .as(contract)
          .isBetween(500_000L, 12_000_000L);
      // EIP-170: deployed code above 24,576 bytes cannot be deployed on a public chain.
      assertThat(gas.path(contract + ".deployedBytes").asLong())
          .as(contract)
          .isBetween(1_000L, 24_576L);
    }
    // Claims with a proof cost more than one without; several in one transaction more still.
    assertThat(gas.path("Settlement.claimMany").asLong())
        .isGreaterThan(gas.path("Settlement.claim").asLong());

    JsonNode clear = gas.path("FlexibilityCoordinator.clear");
    assertThat(clear.path("1").asLong()).isBetween(21_000L, clear.path("4").asLong() - 1);
    assertThat(clear.path("4").asLong()).isLessThan(clear.path("16").asLong());
    assertThat(clear.path("16").asLong()).isLessThan(3_000_000L);

    JsonNode perDevice = gas.path("amortizedGasPerDevicePerSettledRequest");
    JsonNode totals = gas.path("amortizedGasTotalPerSettledRequest");
    for (String n : new String[] {"1", "100", "10000"}) {
      assertThat(totals.path(n).asLong()).as("total at %s", n).isBetween(100_000L, 2_000_000L);
      assertThat(perDevice.path(n).asDouble())
          .as("per device at %s", n)
          .isCloseTo(
              totals.path(n).asDouble() / Long.parseLong(n),
              org.assertj.core.data.Offset.offset(0.01));
    }
    assertThat(perDevice.path("10000").asDouble()).isLessThan(perDevice.path("100").asDouble());
    assertThat(perDevice.path("100").asDouble()).isLessThan(perDevice.path("1").asDouble());
    assertThat(perDevice.path("10000").asDouble()).isLessThan(100.0);

    assertThat(gas.path("bulkOnboarding.perDeviceGas").path("3").asLong()).isPositive();
    assertThat(gas.path("_meta").path("command").asText()).isEqualTo("./vpp gas-report");
    String md = Files.readString(out.resolve("gas.md"));
    assertThat(md).contains("## FlexToken", "| permit |", "## Settlement", "| finalize |");
    assertThat(md).contains("| clear [16] |", "Evidence cost per device", "| 10,000 |");
    assertThat(md).contains("| claimGas" + CLAIM_ROUNDS + "Settlements |");
  }
}
