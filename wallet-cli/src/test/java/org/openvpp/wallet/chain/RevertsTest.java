package org.openvpp.wallet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.tx.ContractErrors.DecodedError;

class RevertsTest {
  private static DecodedError error(String name) {
    return new DecodedError(name, List.of());
  }

  @Test
  void anErrorNameSeveralContractsDeclareGetsTheHintOfTheContractCalled() {
    assertThat(Reverts.explain(error("InvalidProof"), "Settlement"))
        .contains("reward root")
        .doesNotContain("certificate");
    assertThat(Reverts.explain(error("InvalidProof"), "DeviceRegistry")).contains("certificate");
    assertThat(Reverts.explain(error("NothingToWithdraw"), "FlexibilityCoordinator"))
        .contains("owes this account nothing");
    assertThat(Reverts.explain(error("NothingToWithdraw"), "NodeRegistry"))
        .contains("node unstake");
    assertThat(Reverts.explain(error("ObligationsOpen"), "NodeRegistry"))
        .contains("stays slashable")
        .contains("node status");
    assertThat(Reverts.explain(error("SomethingNew"), "Settlement")).isEqualTo("SomethingNew()");
  }

  @Test
  void everyErrorARequesterOrOwnerCanActOnHasAHint() {
    for (String name :
        List.of(
            "InvalidRequest",
            "UnknownRequest",
            "NotOpen",
            "NotRequester",
            "BiddingClosed",
            "RevealNotClosed",
            "SettlementOpen",
            "NoAward",
            "AwardAlreadySettled",
            "EscrowAlreadyReleased",
            "OrderNotIncreasing",
            "OrderLengthMismatch",
            "NothingToWithdraw")) {
      assertThat(Reverts.explain(error(name), "FlexibilityCoordinator"))
          .as(name)
          .startsWith(name + "(): ");
    }
    for (String name :
        List.of("InvalidProof", "NothingToClaim", "RewardPoolExceeded", "NothingToWithdraw")) {
      assertThat(Reverts.explain(error(name), "Settlement")).as(name).startsWith(name + "(): ");
    }
  }
}
