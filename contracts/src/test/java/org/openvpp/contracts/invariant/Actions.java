package org.openvpp.contracts.invariant;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of walks. A walk is a few rounds, each opened by a posted request and followed by
 * random steps; choices are small integers that shrink towards 0. The weights favour the steps a
 * round needs most (bids, evidence, attestations, time), so walks regularly get from a posted
 * request to a claimed reward, while the rarer steps (stake, withdrawals, cancellations, expiry)
 * interleave anywhere.
 */
final class Actions {
  private Actions() {}

  static Arbitrary<List<Action>> walks(int minRounds, int maxRounds) {
    Arbitrary<Action> post = post();
    Arbitrary<List<Action>> round =
        Combinators.combine(post, any().list().ofMinSize(10).ofMaxSize(30))
            .as(
                (first, rest) -> {
                  List<Action> all = new ArrayList<>();
                  all.add(first);
                  all.addAll(rest);
                  return all;
                });
    return round
        .list()
        .ofMinSize(minRounds)
        .ofMaxSize(maxRounds)
        .map(rounds -> rounds.stream().flatMap(List::stream).toList());
  }

  private static Arbitrary<Integer> choice() {
    return Arbitraries.integers().between(0, 7);
  }

  private static Arbitrary<Action> post() {
    return Combinators.combine(choice(), choice()).as(Action.Post::new);
  }

  static Arbitrary<Action> any() {
    Arbitrary<Integer> i = choice();
    // The fraudster's own steps (node 3: bid, reveal, inflated evidence, inflated contribution)
    // come on top of its share of the any-node steps, so most walks post a fraudulent root and
    // many prove it.
    int fraudster = 3;
    return Arbitraries.frequencyOf(
        Tuple.of(1, post()),
        Tuple.of(24, Combinators.combine(i, i, i, i).as(Action.Commit::new)),
        Tuple.of(
            6, Combinators.combine(i, i, i).as((r, p, q) -> new Action.Commit(fraudster, r, p, q))),
        Tuple.of(2, i.map(Action.Reveal::new)),
        Tuple.of(4, Arbitraries.just(new Action.Reveal(fraudster))),
        Tuple.of(8, i.map(Action.Clear::new)),
        Tuple.of(1, i.map(Action.Cancel::new)),
        Tuple.of(10, Combinators.combine(i, i, i).as(Action.Deliver::new)),
        Tuple.of(4, Combinators.combine(i, i).as((a, f) -> new Action.Deliver(fraudster, a, f))),
        Tuple.of(3, Combinators.combine(i, i).as(Action.Contribute::new)),
        Tuple.of(8, i.map(f -> new Action.Contribute(fraudster, f))),
        Tuple.of(3, i.map(Action.Fund::new)),
        Tuple.of(8, i.map(Action.Draw::new)),
        Tuple.of(14, Combinators.combine(i, i).as(Action.Attest::new)),
        Tuple.of(2, i.map(Action.Redraw::new)),
        Tuple.of(8, i.map(Action.Finalize::new)),
        Tuple.of(3, i.map(k -> new Action.CommitChallenge(k, false))),
        Tuple.of(5, i.map(k -> new Action.CommitChallenge(k, true))),
        Tuple.of(6, i.map(Action.Challenge::new)),
        Tuple.of(6, Combinators.combine(i, i).as(Action.Claim::new)),
        Tuple.of(4, i.map(Action.Withdraw::new)),
        Tuple.of(2, i.map(Action.WithdrawCredits::new)),
        Tuple.of(2, i.map(Action.WithdrawFees::new)),
        Tuple.of(3, i.map(Action.Release::new)),
        Tuple.of(1, Combinators.combine(i, i).as(Action.Stake::new)),
        Tuple.of(2, Combinators.combine(i, i).as(Action.Unbond::new)),
        Tuple.of(2, i.map(Action.WithdrawStake::new)),
        Tuple.of(2, i.map(Action.Expire::new)),
        Tuple.of(24, Arbitraries.integers().between(0, 31).map(Action.Advance::new)));
  }
}
