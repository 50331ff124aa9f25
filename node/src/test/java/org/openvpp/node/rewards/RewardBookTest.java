package org.openvpp.node.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.evidence.RewardLedger;

/** The reward book contract on {@link InMemoryRewardBookStore}, and what needs no store. */
class RewardBookTest extends RewardBookContract {

  private InMemoryRewardBookStore memory;

  @Override
  RewardBookStore open() {
    memory = new InMemoryRewardBookStore();
    return memory;
  }

  @Override
  RewardBookStore reopen() {
    return memory;
  }

  @Test
  void aFailedSaveChangesNothing() {
    RewardBookStore failing =
        new RewardBookStore() {
          @Override
          public Optional<RewardBookState> load(String node) {
            return Optional.empty();
          }

          @Override
          public void save(String node, RewardBookState state) {
            throw new IllegalStateException("disk full");
          }
        };
    RewardBook b = new RewardBook(NODE, failing);
    RewardLedger ledger = new RewardLedger(Map.of(A, BigInteger.TEN));
    assertThatThrownBy(() -> b.submitted(R1, ledger)).hasMessageContaining("disk full");
    assertThat(b.tip().isEmpty()).isTrue();
    assertThat(b.state().pending()).isEmpty();
  }

  @Test
  void submissionKeysReadBackAndRefuseGarbage() {
    assertThat(SubmissionKey.parse("evidence/42"))
        .isEqualTo(SubmissionKey.evidence(BigInteger.valueOf(42)));
    assertThat(SubmissionKey.parse(E7.toString())).isEqualTo(E7);
    for (String bad :
        new String[] {
          "",
          "evidence",
          "evidence/",
          "evidence/-1",
          "evidence/01",
          "bid/1",
          "evidence/1x",
          "contribution/ 1"
        }) {
      assertThatThrownBy(() -> SubmissionKey.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
