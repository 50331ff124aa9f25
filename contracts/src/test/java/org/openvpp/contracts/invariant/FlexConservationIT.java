package org.openvpp.contracts.invariant;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.settlement.SettlementWorld;

/**
 * The invariant test of issue 10: random walks over posts, bids, reveals, clearing, cancellation,
 * evidence (truthful and inflated), contributions, committee draws, attestations, challenges,
 * finalization, claims, withdrawals, stake, unbonding and expiry, by honest and malicious actors
 * ({@link Actors}). After every step: each contract holds exactly what it owes, every actor holds
 * exactly what the {@link Ledger} says it was owed (malicious ones never more than they started
 * with), and no honest node is slashed or proven fraudulent ({@link Checks}).
 *
 * <p>jqwik does not run JUnit 5 extensions, so the class starts one Anvil on first use and stops it
 * after the last try; every try starts from an {@code evm_snapshot} of the settlement world. A
 * failure prints the seed and the (shrunk) list of actions; a walk is reproduced by running that
 * list, or the seed with {@code @Property(seed = ...)}.
 */
class FlexConservationIT {
  /** -Dinvariant.trace=true prints every step of every walk. */
  private static final boolean TRACE = Boolean.getBoolean("invariant.trace");

  private static Anvil anvil;

  private static synchronized Anvil anvil() {
    if (anvil == null) {
      anvil = Anvil.start();
    }
    return anvil;
  }

  @AfterContainer
  static void stopChain() {
    if (anvil != null) {
      anvil.close();
      anvil = null;
    }
  }

  @Property(tries = 10, edgeCases = EdgeCasesMode.NONE, shrinking = ShrinkingMode.BOUNDED)
  void flexIsConservedAndNobodyGetsMoreThanOwed(@ForAll("walks") List<Action> walk)
      throws Exception {
    SettlementWorld world = SettlementWorld.fresh(anvil());
    Actors actors = new Actors(world);
    Ledger ledger = new Ledger();
    Walk driver = new Walk(world, actors, ledger);
    driver.setUp();
    Checks checks = new Checks(world.chain, actors, ledger);
    checks.start();
    for (int i = 0; i < walk.size(); i++) {
      Action a = walk.get(i);
      String step = "step " + (i + 1) + "/" + walk.size() + " " + a;
      boolean sent;
      try {
        sent = driver.run(a);
      } catch (AssertionError | Exception e) {
        throw new AssertionError(step + " failed: " + e.getMessage(), e);
      }
      if (TRACE) {
        System.out.println(step + (sent ? "" : " (nothing to do)"));
      }
      if (sent) { // a step that sent nothing changed nothing
        checks.after(step);
      }
    }
    // How many walks did each kind of step (true/false per walk): the proofs of fraud above all.
    Map<String, Integer> done = driver.done();
    for (String kind : List.of("Challenge", "attestor slashed", "Redraw", "WithdrawCredits")) {
      Statistics.label(kind).collect(done.getOrDefault(kind, 0) > 0);
    }
    done.forEach((kind, n) -> Statistics.label("steps: " + kind).collect(n > 0));
    Statistics.label("finalized")
        .collect(
            ledger.submissions.stream()
                .filter(s -> s.status == Ledger.SubmissionStatus.FINALIZED)
                .count());
  }

  @Provide
  Arbitrary<List<Action>> walks() {
    return Actions.walks(8, 14);
  }
}
