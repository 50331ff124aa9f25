package org.openvpp.node.api.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.evidence.EvidenceLeaf;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.RewardLedger;

class InMemoryRewardBookTest {
  private static final String NODE = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  private static final String SETTLEMENT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
  private static final String DEVICE = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private static final String ALICE = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
  private static final String BOB = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";

  private final InMemoryRewardBook book = new InMemoryRewardBook(31_337, SETTLEMENT, NODE);

  private static RewardLedger plus(RewardLedger base, String owner, long wei) {
    return base.plus(
        BigInteger.valueOf(wei),
        new EvidenceTree(
            List.of(new EvidenceLeaf(DEVICE, owner, new byte[32], new byte[32], 0, 10))));
  }

  @Test
  void onlyFinalizedRootsCanBeClaimedAndTheNewestOneCollectsEverything() {
    RewardLedger first = plus(book.tip(), ALICE, 100);
    book.submitted(BigInteger.ONE, first);
    assertThat(book.claimsOf(ALICE)).isEmpty();
    assertThat(book.earnings())
        .containsExactly(new Earning(ALICE, BigInteger.ZERO, BigInteger.valueOf(100)));

    book.finalized(BigInteger.ONE);
    RewardLedger second = plus(book.tip(), ALICE, 50);
    book.submitted(BigInteger.TWO, second);
    book.finalized(BigInteger.TWO);
    List<RewardClaim> claims = book.claimsOf(ALICE.toUpperCase().replace("0X", "0x"));
    assertThat(claims)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.cumulativeAmount()).isEqualTo(BigInteger.valueOf(150));
              assertThat(c.owner()).isEqualTo(ALICE);
              assertThat(c.node()).isEqualTo(NODE);
              assertThat(c.settlement()).isEqualTo(SETTLEMENT);
              assertThat(c.chainId()).isEqualTo(31_337);
            });
    assertThat(book.claimsOf(BOB)).isEmpty();
  }

  @Test
  void aVoidedSubmissionDropsTheTipBackToTheFinalizedLedger() {
    book.submitted(BigInteger.ONE, plus(book.tip(), ALICE, 100));
    book.finalized(BigInteger.ONE);
    RewardLedger finalized = book.tip();
    book.submitted(BigInteger.TWO, plus(finalized, BOB, 70));
    book.submitted(BigInteger.valueOf(3), plus(book.tip(), BOB, 30));
    book.voided(BigInteger.TWO);
    assertThat(book.tip()).isSameAs(finalized);
    assertThatThrownBy(() -> book.finalized(BigInteger.valueOf(3)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(book.claimsOf(BOB)).isEmpty();
    assertThat(book.earnings())
        .containsExactly(new Earning(ALICE, BigInteger.valueOf(100), BigInteger.valueOf(100)));
  }

  @Test
  void finalizingAnUnknownSubmissionIsRefused() {
    assertThatThrownBy(() -> book.finalized(BigInteger.TEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10");
  }
}
