package org.openvpp.node.api.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.evidence.EvidenceLeaf;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.node.rewards.InMemoryRewardBookStore;
import org.openvpp.node.rewards.RewardBook;
import org.openvpp.node.rewards.SubmissionKey;

class BookRewardsTest {
  private static final String NODE = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  private static final String SETTLEMENT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  private static final String DEVICE = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private static final String ALICE = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
  private static final String BOB = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";

  private final RewardBook book = new RewardBook(NODE, new InMemoryRewardBookStore());
  private final BookRewards rewards = new BookRewards(31_337, SETTLEMENT, book);

  private static RewardLedger plus(RewardLedger base, String owner, long wei) {
    return base.plus(
        BigInteger.valueOf(wei),
        new EvidenceTree(
            List.of(new EvidenceLeaf(DEVICE, owner, new byte[32], new byte[32], 0, 10))));
  }

  @Test
  void onlyTheFinalizedLedgerCanBeClaimedAndItCarriesItsNetwork() {
    book.submitted(SubmissionKey.evidence(BigInteger.ONE), plus(book.tip(), ALICE, 100));
    assertThat(rewards.claimsOf(ALICE)).isEmpty();
    assertThat(rewards.earnings())
        .containsExactly(new Earning(ALICE, BigInteger.ZERO, BigInteger.valueOf(100)));

    book.finalized(SubmissionKey.evidence(BigInteger.ONE));
    book.submitted(SubmissionKey.evidence(BigInteger.TWO), plus(book.tip(), BOB, 40));
    assertThat(rewards.claimsOf(ALICE))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.chainId()).isEqualTo(31_337);
              assertThat(c.settlement()).isEqualTo(SETTLEMENT.toLowerCase());
              assertThat(c.node()).isEqualTo(NODE);
              assertThat(c.owner()).isEqualTo(ALICE);
              assertThat(c.cumulativeAmount()).isEqualTo(BigInteger.valueOf(100));
              assertThat(c.toJson().getString("cumulativeAmount")).isEqualTo("100");
            });
    assertThat(rewards.claimsOf(BOB)).as("Bob's amount is not final yet").isEmpty();
    assertThat(rewards.earnings())
        .containsExactly(
            new Earning(ALICE, BigInteger.valueOf(100), BigInteger.valueOf(100)),
            new Earning(BOB, BigInteger.ZERO, BigInteger.valueOf(40)));
  }
}
