package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.evidence.EvidenceLeaf;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.RewardLedger;

/** How a node splits each owner share over its owners, and keeps the totals cumulative. */
class RewardLedgerTest {
  private static final String A = "0x000000000000000000000000000000000000000a";
  private static final String B = "0x000000000000000000000000000000000000000b";
  private static final String C = "0x000000000000000000000000000000000000000c";

  private static EvidenceTree evidence(Object... ownerAndWh) {
    List<EvidenceLeaf> leaves = new ArrayList<>();
    for (int i = 0; i < ownerAndWh.length; i += 2) {
      String device = String.format("0x%040x", i + 1);
      leaves.add(
          new EvidenceLeaf(
              device,
              (String) ownerAndWh[i],
              new byte[32],
              new byte[32],
              0,
              ((Number) ownerAndWh[i + 1]).longValue()));
    }
    return new EvidenceTree(leaves);
  }

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  @Test
  void theShareIsSplitInProportionToDeliveredEnergy() {
    RewardLedger next = new RewardLedger().plus(big(1_000), evidence(A, 100, B, 300));
    assertThat(next.cumulative())
        .containsExactlyInAnyOrderEntriesOf(Map.of(A, big(250), B, big(750)));
    assertThat(next.total()).isEqualTo(big(1_000));
    assertThat(next.tree().total()).isEqualTo(big(1_000));
  }

  @Test
  void roundingDustGoesToTheLargestDeliverer() {
    // 100 over 1 : 2 : 4 Wh is 14.28 / 28.57 / 57.14: floors 14 + 28 + 57 = 99, C gets the 1.
    RewardLedger next = new RewardLedger().plus(big(100), evidence(A, 1, B, 2, C, 4));
    assertThat(next.cumulative())
        .containsExactlyInAnyOrderEntriesOf(Map.of(A, big(14), B, big(28), C, big(58)));
  }

  @Test
  void onATieTheDustGoesToTheLowestAddress() {
    RewardLedger next = new RewardLedger().plus(big(10), evidence(C, 5, B, 5, A, 5));
    assertThat(next.cumulative())
        .containsExactlyInAnyOrderEntriesOf(Map.of(A, big(4), B, big(3), C, big(3)));
  }

  @Test
  void anOwnerOfSeveralDevicesIsCreditedForAllOfThem() {
    RewardLedger next = new RewardLedger().plus(big(900), evidence(A, 100, B, 100, A, 100));
    assertThat(next.cumulative())
        .containsExactlyInAnyOrderEntriesOf(Map.of(A, big(600), B, big(300)));
  }

  @Test
  void totalsAccumulateAndEarlierLedgersStayAsTheyWere() {
    RewardLedger first = new RewardLedger().plus(big(1_000), evidence(A, 1, B, 1));
    RewardLedger second = first.plus(big(600), evidence(B, 1, C, 2));
    assertThat(first.cumulative())
        .containsExactlyInAnyOrderEntriesOf(Map.of(A, big(500), B, big(500)));
    assertThat(second.cumulative())
        .containsExactlyInAnyOrderEntriesOf(Map.of(A, big(500), B, big(700), C, big(400)));
    assertThat(second.total()).isEqualTo(first.total().add(big(600)));
    assertThat(second.tree().root()).isNotEqualTo(first.tree().root());
  }

  @Test
  void aZeroShareChangesNothingAndAShareNeedsEnergy() {
    RewardLedger first = new RewardLedger().plus(big(10), evidence(A, 1));
    assertThat(first.plus(BigInteger.ZERO, evidence(B, 0)).cumulative())
        .isEqualTo(first.cumulative());
    assertThatThrownBy(() -> first.plus(big(5), evidence(B, 0, C, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The leaves always add up to exactly the total Settlement expects: previous + share. */
  @Property
  void theSplitAddsUpExactly(
      @ForAll @Size(min = 1, max = 12) List<@LongRange(min = 0, max = 1_000_000) Long> wh,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long share,
      @ForAll @IntRange(min = 0, max = 5) int owners) {
    if (wh.stream().mapToLong(Long::longValue).sum() == 0) {
      wh.set(0, 1L);
    }
    String[] pool = {A, B, C, "0x00000000000000000000000000000000000000dd"};
    List<Object> spec = new ArrayList<>();
    for (int i = 0; i < wh.size(); i++) {
      spec.add(pool[(i + owners) % pool.length]);
      spec.add(wh.get(i));
    }
    RewardLedger start = new RewardLedger(Map.of(A, big(17)));
    RewardLedger next = start.plus(big(share), evidence(spec.toArray()));
    assertThat(next.total()).isEqualTo(start.total().add(big(share)));
    // Nobody loses and nobody gains more than their exact share plus the (< n) dust.
    next.cumulative()
        .forEach(
            (owner, amount) ->
                assertThat(amount)
                    .isGreaterThanOrEqualTo(
                        start.cumulative().getOrDefault(owner, BigInteger.ZERO)));
  }
}
