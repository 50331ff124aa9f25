package org.openvpp.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FollowerSettingsTest {
  private static final List<String> ONE = List.of("0x" + "AB".repeat(20));

  @Test
  void lowerCasesTheContracts() {
    assertThat(new FollowerSettings(ONE, 0, 2, 8, 100).contracts())
        .containsExactly("0x" + "ab".repeat(20));
  }

  @Test
  void refusesAHorizonThatDoesNotReachPastTheConfirmations() {
    assertThatThrownBy(() -> new FollowerSettings(ONE, 0, 8, 8, 100))
        .hasMessageContaining("reorgHorizon (8) must exceed confirmations (8)");
  }

  @Test
  void refusesNegativeOrEmptySettings() {
    assertThatThrownBy(() -> new FollowerSettings(List.of(), 0, 0, 8, 100))
        .hasMessageContaining("no contracts");
    assertThatThrownBy(() -> new FollowerSettings(ONE, -1, 0, 8, 100))
        .hasMessageContaining("startBlock");
    assertThatThrownBy(() -> new FollowerSettings(ONE, 0, -1, 8, 100))
        .hasMessageContaining("confirmations");
    assertThatThrownBy(() -> new FollowerSettings(ONE, 0, 0, 8, 0))
        .hasMessageContaining("rangeBlocks");
  }
}
