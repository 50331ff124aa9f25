package org.openvpp.node.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.evidence.RewardClaim;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.evidence.RewardTree;
import org.openvpp.contracts.merkle.StandardMerkleTree;

/** The reward book follows Settlement's chain: submit, finalize, void/expire, replays, restarts. */
class RewardBookTest {
  private static final String NODE = "0x00000000000000000000000000000000000000ee";
  private static final String A = "0x000000000000000000000000000000000000000a";
  private static final String B = "0x000000000000000000000000000000000000000b";
  private static final SubmissionKey R1 = SubmissionKey.evidence(BigInteger.ONE);
  private static final SubmissionKey R2 = SubmissionKey.evidence(BigInteger.TWO);
  private static final SubmissionKey E7 = SubmissionKey.contribution(7);

  private final InMemoryRewardBookStore store = new InMemoryRewardBookStore();
  private final RewardBook book = new RewardBook(NODE, store);

  /** The tip with {@code amount} added to each given owner: the next cumulative ledger. */
  private RewardLedger next(long amount, String... owners) {
    Map<String, BigInteger> next = new TreeMap<>(book.tip().cumulative());
    for (String owner : owners) {
      next.merge(owner, BigInteger.valueOf(amount), BigInteger::add);
    }
    return new RewardLedger(next);
  }

  @Test
  void aSubmissionMovesTheTipAndBecomesClaimableWhenFinalized() {
    RewardLedger first = new RewardLedger(Map.of(A, BigInteger.valueOf(750), B, BigInteger.TEN));
    book.submitted(R1, first);
    assertThat(book.tip()).isEqualTo(first);
    assertThat(book.claimable(A)).isEmpty(); // pending is not claimable

    assertThat(book.finalized(R1)).isTrue();
    List<RewardClaim> claims = book.claimable(A);
    assertThat(claims).hasSize(1);
    RewardClaim c = claims.get(0);
    assertThat(c.node()).isEqualTo(NODE);
    assertThat(c.cumulativeAmount()).isEqualTo(BigInteger.valueOf(750));
    byte[] leaf = StandardMerkleTree.leafHash(RewardTree.encode(A, c.cumulativeAmount()));
    assertThat(StandardMerkleTree.verify(first.root(), leaf, c.proof())).isTrue();
    assertThat(book.claimable("0x00000000000000000000000000000000000000cc")).isEmpty();
  }

  @Test
  void pendingSubmissionsChainOnTheTipAndFinalizeInTurn() {
    RewardLedger first = next(1_000, A);
    book.submitted(R1, first);
    RewardLedger second = next(500, B);
    book.submitted(E7, second);
    assertThat(second.cumulative()).containsEntry(A, BigInteger.valueOf(1_000));
    assertThat(book.state().pending()).containsOnlyKeys(R1, E7);

    book.finalized(R1);
    assertThat(book.finalized()).isEqualTo(first);
    assertThat(book.tip()).isEqualTo(second);
    book.finalized(E7);
    assertThat(book.finalized()).isEqualTo(second);
    assertThat(book.state().pending()).isEmpty();
    assertThat(book.claimable(B).get(0).cumulativeAmount()).isEqualTo(BigInteger.valueOf(500));
  }

  @Test
  void aVoidOrResettingExpiryDropsEveryPendingLedger() {
    book.submitted(R1, next(1_000, A));
    book.finalized(R1);
    RewardLedger finalized = book.finalized();
    book.submitted(R2, next(400, B));
    book.submitted(E7, next(200, A));

    assertThat(book.dropped(R2)).isTrue();
    assertThat(book.tip()).isEqualTo(finalized);
    assertThat(book.state().pending()).isEmpty();
    // The later submission's expiry as superseded comes after: nothing left to drop.
    assertThat(book.dropped(E7)).isFalse();
    assertThat(book.finalized(E7)).isFalse();
    assertThat(book.claimable(A).get(0).cumulativeAmount()).isEqualTo(BigInteger.valueOf(1_000));
  }

  @Test
  void earningsShowTheTipBesideWhatIsClaimableAndFinalizationsAreAnnounced() {
    List<RewardLedger> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
    book.onFinalized(announced::add);
    RewardLedger first = next(1_000, A);
    book.submitted(R1, first);
    book.finalized(R1);
    book.submitted(R2, next(300, A, B));
    assertThat(book.earnings())
        .containsExactly(
            new OwnerEarning(A, BigInteger.valueOf(1_000), BigInteger.valueOf(1_300)),
            new OwnerEarning(B, BigInteger.ZERO, BigInteger.valueOf(300)));
    book.finalized(R1); // a replay announces nothing
    assertThat(announced).containsExactly(first);
  }

  @Test
  void replayedEventsChangeNothing() {
    RewardLedger first = next(1_000, A);
    book.submitted(R1, first);
    book.submitted(R1, first);
    assertThat(book.state().pending()).hasSize(1);
    assertThat(book.finalized(R1)).isTrue();
    RewardBookState after = book.state();
    assertThat(book.finalized(R1)).isFalse();
    assertThat(book.dropped(R1)).isFalse();
    assertThat(book.state()).isEqualTo(after);
  }

  @Test
  void refusesALedgerThatDoesNotContinueTheTip() {
    book.submitted(R1, next(1_000, A));
    RewardLedger lower = new RewardLedger(Map.of(A, BigInteger.valueOf(999), B, BigInteger.TEN));
    assertThatThrownBy(() -> book.submitted(R2, lower)).hasMessageContaining("lowers");
    assertThatThrownBy(() -> book.submitted(R1, next(5, A))).hasMessageContaining("already");
    assertThat(book.state().pending()).containsOnlyKeys(R1);
  }

  @Test
  void aRestartedBookReadsWhatWasSaved() {
    RewardLedger first = next(1_000, A);
    book.submitted(R1, first);
    book.finalized(R1);
    RewardLedger second = next(300, B);
    book.submitted(R2, second);

    RewardBook restarted = new RewardBook(NODE, store);
    assertThat(restarted.finalized()).isEqualTo(first);
    assertThat(restarted.tip()).isEqualTo(second);
    assertThat(restarted.state().pending()).containsOnlyKeys(R2);
    // Another node's book in the same store is its own.
    assertThat(new RewardBook(A, store).tip().isEmpty()).isTrue();
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
  void restoresOnlyTheLedgerWhoseRootSettlementHolds() {
    RewardLedger ledger = new RewardLedger(Map.of(A, BigInteger.TEN));
    byte[] other = new RewardLedger(Map.of(A, BigInteger.ONE)).root();
    assertThatThrownBy(() -> book.restore(ledger, other)).hasMessageContaining("claim root");
    assertThatThrownBy(() -> book.restore(ledger, new byte[32])).hasMessageContaining("claim root");
    assertThatThrownBy(() -> book.restore(new RewardLedger(), ledger.root()))
        .hasMessageContaining("claim root");
    book.restore(new RewardLedger(), new byte[32]);
    book.restore(ledger, ledger.root());
    assertThat(book.finalized()).isEqualTo(ledger);
    assertThat(book.tip()).isEqualTo(ledger);

    book.submitted(R1, next(5, A));
    assertThatThrownBy(() -> book.restore(ledger, ledger.root())).hasMessageContaining("pending");
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
