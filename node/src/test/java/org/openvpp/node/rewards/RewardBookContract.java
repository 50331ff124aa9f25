package org.openvpp.node.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.evidence.RewardClaim;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.evidence.RewardTree;
import org.openvpp.contracts.merkle.StandardMerkleTree;

/**
 * The reward book follows Settlement's chain: submit, finalize, void/expire, replays, restarts.
 * What every {@link RewardBookStore} must keep, run against each one by a subclass.
 */
abstract class RewardBookContract {
  static final String NODE = "0x00000000000000000000000000000000000000ee";
  static final String A = "0x000000000000000000000000000000000000000a";
  static final String B = "0x000000000000000000000000000000000000000b";
  static final SubmissionKey R1 = SubmissionKey.evidence(BigInteger.ONE);
  static final SubmissionKey R2 = SubmissionKey.evidence(BigInteger.TWO);
  static final SubmissionKey E7 = SubmissionKey.contribution(7);

  RewardBookStore store;
  RewardBook book;

  /** A store over new, empty storage. */
  abstract RewardBookStore open();

  /** The storage {@link #open} made, closed and opened again as after a restart. */
  abstract RewardBookStore reopen();

  /** Releases what {@link #open} or {@link #reopen} holds. */
  void close() {}

  @BeforeEach
  void openBook() {
    store = open();
    book = new RewardBook(NODE, store);
  }

  @AfterEach
  void closeStore() {
    close();
  }

  void restart() {
    store = reopen();
    book = new RewardBook(NODE, store);
  }

  /** The tip with {@code amount} added to each given owner: the next cumulative ledger. */
  RewardLedger next(long amount, String... owners) {
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

    restart();
    assertThat(book.finalized()).isEqualTo(first);
    assertThat(book.tip()).isEqualTo(second);
    assertThat(book.state().pending()).containsOnlyKeys(R2);
    // Another node's book in the same store is its own.
    assertThat(new RewardBook(A, store).tip().isEmpty()).isTrue();
    assertThat(store.load(A)).isEmpty();
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

  static final String C = "0x000000000000000000000000000000000000000c";

  /** Each owner's claim as text: amount and proof (RewardClaim holds byte arrays). */
  static List<String> claims(RewardBook b, String... owners) {
    List<String> out = new java.util.ArrayList<>();
    for (String owner : owners) {
      for (RewardClaim c : b.claimable(owner)) {
        StringBuilder s = new StringBuilder(c.owner() + "=" + c.cumulativeAmount());
        c.proof().forEach(p -> s.append(' ').append(java.util.HexFormat.of().formatHex(p)));
        out.add(s.toString());
      }
    }
    return out;
  }

  @Test
  void aRestartGivesTheSameRootsAndProofs() {
    book.submitted(R1, next(1_000, A, B, C));
    book.finalized(R1);
    book.submitted(R2, next(333, A));
    book.submitted(E7, next(7, B, C));
    RewardBookState before = book.state();
    List<String> proofs = claims(book, A, B, C);
    assertThat(proofs).hasSize(3);

    restart();
    assertThat(book.state()).isEqualTo(before);
    assertThat(book.finalized().root()).isEqualTo(before.finalized().root());
    assertThat(book.tip().root()).isEqualTo(before.tip().root());
    for (SubmissionKey k : before.pending().keySet()) {
      assertThat(book.state().pending().get(k).root()).isEqualTo(before.pending().get(k).root());
    }
    assertThat(claims(book, A, B, C)).isEqualTo(proofs);
    assertThat(book.earnings()).hasSize(3);
  }

  @Test
  void aRestartedBookGoesOnWhereItStopped() {
    book.submitted(R1, next(1_000, A));
    restart();
    book.finalized(R1);
    restart();
    assertThat(book.claimable(A).get(0).cumulativeAmount()).isEqualTo(BigInteger.valueOf(1_000));
    book.submitted(R2, next(5, B));
    book.dropped(R2);
    restart();
    assertThat(book.state().pending()).isEmpty();
    assertThat(book.tip()).isEqualTo(book.finalized());
    assertThat(book.tip().cumulative()).containsOnlyKeys(A);
    assertThat(book.dropped(R2)).as("a replay after the restart").isFalse();
  }

  @Test
  void anEmptyBookAndUint256AmountsSurviveARestart() {
    book.restore(new RewardLedger(), new byte[32]);
    restart();
    assertThat(book.state()).isEqualTo(RewardBookState.empty());
    BigInteger half = BigInteger.ONE.shiftLeft(255);
    RewardLedger big = new RewardLedger(Map.of(A, half, B, half.subtract(BigInteger.ONE)));
    book.submitted(R1, big);
    restart();
    assertThat(book.tip()).isEqualTo(big);
    assertThat(book.tip().total())
        .isEqualTo(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
  }
}
