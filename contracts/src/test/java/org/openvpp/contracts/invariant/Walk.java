package org.openvpp.contracts.invariant;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.openvpp.contracts.evidence.ChallengeCommitment;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.invariant.Actors.Node;
import org.openvpp.contracts.invariant.Actors.Role;
import org.openvpp.contracts.invariant.Ledger.Bid;
import org.openvpp.contracts.invariant.Ledger.Kind;
import org.openvpp.contracts.invariant.Ledger.NodeBook;
import org.openvpp.contracts.invariant.Ledger.Request;
import org.openvpp.contracts.invariant.Ledger.RequestStatus;
import org.openvpp.contracts.invariant.Ledger.Submission;
import org.openvpp.contracts.invariant.Ledger.SubmissionStatus;
import org.openvpp.contracts.market.BidCommitment;
import org.openvpp.contracts.market.MeritOrder;
import org.openvpp.contracts.market.Offer;
import org.openvpp.contracts.settlement.SettlementWorld;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Market;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Runs a walk on the chain: each {@link Action} is interpreted against the state reached, sent as
 * the transactions an honest or malicious actor would send, and mirrored in the {@link Ledger}.
 * What the model says must succeed is sent and must succeed; what it says must fail (a second
 * withdrawal, a second claim, an early stake withdrawal, a challenge of an honest root) must revert
 * with the expected custom error. Steps too close to a deadline to be sure of the block time (the
 * chain clock follows the wall clock) are skipped.
 */
final class Walk {
  /** Seconds kept clear of a deadline before acting on the earlier side of it. */
  private static final long MARGIN_S = 30;

  private static final long[] REQUEST_W = {2_000, 5_000, 8_000};
  private static final long[] HONEST_BID_W = {1_000, 2_500, 5_000};
  private static final BigInteger PRICE = Rules.FLEX.divide(BigInteger.valueOf(5));
  private static final BigInteger[] BID_PRICE = {
    PRICE.divide(BigInteger.TWO),
    PRICE,
    PRICE.multiply(BigInteger.valueOf(3)).divide(BigInteger.TWO)
  };

  /**
   * Request timing relative to posting: bids for 600 s, reveals until 900 s, delivery from 1,000 s
   * for 600 s.
   */
  private static final long BID_S = 600;

  private static final long REVEAL_S = 900;
  private static final long START_S = 1_000;
  private static final long DURATION_S = 600;

  /** What the fraudster adds to the delivery its readings show. */
  private static final long INFLATION_WH = 400;

  final SettlementWorld w;
  final ChainFixture chain;
  final Actors actors;
  final Ledger ledger;
  private final Map<String, Integer> done = new java.util.TreeMap<>();
  private int salts;

  Walk(SettlementWorld w, Actors actors, Ledger ledger) {
    this.w = w;
    this.chain = w.chain;
    this.actors = actors;
    this.ledger = ledger;
  }

  /**
   * Binds each node's device to its owner and assigns it to the node, as the registry expects of
   * evidence (the owner in a leaf, DeviceRegistry.managedDevices capping a contribution).
   */
  void setUp() throws Exception {
    for (String owner : Actors.OWNERS) {
      w.rpc("anvil_setBalance", List.of(owner, "0x3635C9ADC5DEA00000")); // gas only: 1,000 ETH
    }
    for (Node n : actors.nodes) {
      if (n.device() != null) {
        w.manage(n.key(), Actors.ownerKey(n.owner()), List.of(n.device()));
      }
    }
  }

  /** How many steps of each kind changed the state (for the statistics). */
  Map<String, Integer> done() {
    return done;
  }

  long now() {
    return w.market.now();
  }

  /**
   * Runs one step.
   *
   * @return whether it sent anything to the chain (a step that did not changed nothing)
   */
  boolean run(Action a) throws Exception {
    long before = w.blockNumber();
    if (act(a)) {
      done.merge(a.getClass().getSimpleName(), 1, Integer::sum);
    }
    return w.blockNumber() != before;
  }

  /** Sends a transaction the rules must refuse and asserts the decoded custom error. */
  private void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String error) {
    chain.assertReverts(call, error);
    done.merge("refused " + error, 1, Integer::sum);
  }

  private boolean act(Action a) throws Exception {
    if (a instanceof Action.Post p) {
      return post(p);
    } else if (a instanceof Action.Commit c) {
      return commit(c);
    } else if (a instanceof Action.Reveal r) {
      return reveal(actors.node(r.node()), false);
    } else if (a instanceof Action.Clear c) {
      return clear(c);
    } else if (a instanceof Action.Cancel c) {
      return cancel(c);
    } else if (a instanceof Action.Deliver d) {
      return deliver(d);
    } else if (a instanceof Action.Contribute c) {
      return contribute(c);
    } else if (a instanceof Action.Fund f) {
      return fund(f);
    } else if (a instanceof Action.Draw d) {
      return draw(d);
    } else if (a instanceof Action.Attest at) {
      return attest(at);
    } else if (a instanceof Action.Finalize f) {
      return finalizeSubmission(f);
    } else if (a instanceof Action.Redraw r) {
      return redraw(r);
    } else if (a instanceof Action.CommitChallenge c) {
      return commitChallenge(c);
    } else if (a instanceof Action.Challenge c) {
      return challenge(c);
    } else if (a instanceof Action.WithdrawCredits c) {
      return withdrawCredits(c);
    } else if (a instanceof Action.Claim c) {
      return claim(c);
    } else if (a instanceof Action.Withdraw wd) {
      return withdraw(wd);
    } else if (a instanceof Action.WithdrawFees f) {
      return withdrawFees(f);
    } else if (a instanceof Action.Release r) {
      return release(r);
    } else if (a instanceof Action.Stake s) {
      return stake(s);
    } else if (a instanceof Action.Unbond u) {
      return unbond(u);
    } else if (a instanceof Action.WithdrawStake s) {
      return withdrawStake(s);
    } else if (a instanceof Action.Expire e) {
      return expire(e);
    } else if (a instanceof Action.Advance ad) {
      return advance(ad);
    }
    throw new IllegalArgumentException("unknown action " + a);
  }

  private static <T> T pick(List<T> candidates, int choice) {
    return candidates.isEmpty() ? null : candidates.get(choice % candidates.size());
  }

  private List<Request> requests(Predicate<Request> filter) {
    return ledger.requests.stream().filter(filter).toList();
  }

  private List<Submission> submissions(Predicate<Submission> filter) {
    return ledger.submissions.stream().filter(filter).toList();
  }

  private boolean active(Node n) {
    return ledger.book(n).stake.compareTo(Rules.MINIMUM_STAKE) >= 0;
  }

  // ---------------------------------------------------------------- market

  private boolean post(Action.Post p) throws Exception {
    Credentials requester = actors.requester(p.requester());
    long powerW = REQUEST_W[p.size() % REQUEST_W.length];
    BigInteger cap = PRICE.multiply(BigInteger.TWO);
    long now = now();
    Market.Timing t = new Market.Timing(now + BID_S, now + REVEAL_S, now + START_S, DURATION_S);
    BigInteger escrow = Rules.maxCost(powerW, DURATION_S, cap);
    BigInteger id = w.market.post(requester, Market.ZONE, Direction.UP, powerW, cap, t);
    Ledger.add(ledger.minted, requester.getAddress(), escrow);
    ledger.requests.add(
        new Request(
            id,
            requester,
            powerW,
            cap,
            t.bidDeadline(),
            t.revealDeadline(),
            t.start(),
            t.duration(),
            escrow,
            Rules.BID_DEPOSIT));
    return true;
  }

  private boolean commit(Action.Commit c) throws Exception {
    Node n = actors.node(c.node());
    if (!active(n)) {
      return false;
    }
    long now = now();
    Request r =
        pick(
            requests(
                q ->
                    q.status == RequestStatus.OPEN
                        && now + MARGIN_S < q.bidDeadline
                        && !q.bids.containsKey(Ledger.key(n.address()))),
            c.request());
    if (r == null) {
      return false;
    }
    long powerW;
    BigInteger price;
    if (n.role() == Role.NO_SHOW) {
      powerW = r.powerW;
      price = BigInteger.ONE;
    } else {
      powerW = HONEST_BID_W[c.power() % HONEST_BID_W.length];
      // The fraudster undercuts: it means to win and inflate what it delivers.
      price = n.role() == Role.FRAUDSTER ? BID_PRICE[0] : BID_PRICE[c.price() % BID_PRICE.length];
    }
    byte[] salt = Hash.sha3(ByteBuffer.allocate(8).putLong(++salts).array());
    byte[] commitment = BidCommitment.of(r.id, n.address(), powerW, price, salt);
    chain.coordinator(n.key()).commitBid(r.id, commitment).send();
    r.bids.put(Ledger.key(n.address()), new Bid(n, powerW, price, salt, r.bids.size()));
    return true;
  }

  /**
   * Reveals {@code n}'s bids whose reveal window is open. A node that is no longer active cannot
   * reveal (NotEligible) and forfeits its deposit.
   */
  private boolean reveal(Node n, boolean onlyIfHonest) throws Exception {
    if (onlyIfHonest && !n.honest()) {
      return false;
    }
    long now = now();
    boolean acted = false;
    for (Request r : ledger.requests) {
      Bid b = r.bids.get(Ledger.key(n.address()));
      if (b == null
          || b.revealed
          || r.status != RequestStatus.OPEN
          || now < r.bidDeadline
          || now + MARGIN_S >= r.revealDeadline) {
        continue;
      }
      FlexibilityCoordinator coordinator = chain.coordinator(n.key());
      if (!active(n)) {
        refused(
            () -> coordinator.revealBid(r.id, BigInteger.valueOf(b.powerW), b.price, b.salt).send(),
            "NotEligible");
        continue;
      }
      coordinator.revealBid(r.id, BigInteger.valueOf(b.powerW), b.price, b.salt).send();
      b.revealed = true;
      b.depositReturned = true;
      b.bond = Rules.bond(b.powerW, r.duration);
      Ledger.add(ledger.owed, n.address(), r.deposit);
      acted = true;
    }
    return acted;
  }

  private boolean clear(Action.Clear c) throws Exception {
    long now = now();
    Request r =
        pick(requests(q -> q.status == RequestStatus.OPEN && now >= q.revealDeadline), c.request());
    if (r == null) {
      return false;
    }
    TransactionReceipt receipt = w.market.clear(r.id);
    BigInteger forfeited = BigInteger.ZERO;
    List<Offer> offers = new ArrayList<>();
    for (Bid b : r.bids.values()) {
      if (b.revealed) {
        offers.add(new Offer(Ledger.key(b.node.address()), b.powerW, b.price, b.commitIndex));
      } else {
        forfeited = forfeited.add(r.deposit);
        ledger.book(b.node).forfeited = ledger.book(b.node).forfeited.add(r.deposit);
      }
    }
    Ledger.add(ledger.forfeitsReceived, r.requester.getAddress(), forfeited);
    if (offers.isEmpty()) {
      r.status = RequestStatus.EXPIRED;
      r.released = true;
      Ledger.add(ledger.owed, r.requester.getAddress(), r.escrow.add(forfeited));
      return true;
    }
    MeritOrder.Result result = MeritOrder.clear(r.powerW, offers);
    Map<String, Long> onChain = new java.util.LinkedHashMap<>();
    for (var e : FlexibilityCoordinator.getAwardedEvents(receipt)) {
      onChain.put(Ledger.key(e.node), e.powerW.longValueExact());
    }
    if (!onChain.equals(result.awards())) {
      throw new AssertionError(r + ": awards " + onChain + ", merit order " + result.awards());
    }
    r.status = RequestStatus.CLEARED;
    r.price = result.clearingPrice();
    result.awards().forEach((node, watts) -> r.bids.get(node).awardedW = watts);
    for (Bid b : r.bids.values()) {
      // The bond above the awarded energy comes back at clearing.
      BigInteger keep = Rules.bond(b.awardedW, r.duration);
      if (b.revealed && b.bond.compareTo(keep) > 0) {
        Ledger.add(ledger.owed, b.node.address(), b.bond.subtract(keep));
        b.bond = keep;
      }
    }
    r.reserved = Rules.maxCost(result.awardedPowerW(), r.duration, r.price);
    Ledger.add(ledger.owed, r.requester.getAddress(), r.escrow.subtract(r.reserved).add(forfeited));
    return true;
  }

  private boolean cancel(Action.Cancel c) throws Exception {
    long now = now();
    Request r =
        pick(
            requests(q -> q.status == RequestStatus.OPEN && now + MARGIN_S < q.bidDeadline),
            c.request());
    if (r == null) {
      return false;
    }
    chain.coordinator(r.requester).cancel(r.id).send();
    r.status = RequestStatus.CANCELLED;
    r.released = true;
    Ledger.add(ledger.owed, r.requester.getAddress(), r.escrow);
    return true;
  }

  /**
   * Releases a request's unpaid escrow; past the settlement deadline the requester first closes
   * every award nobody settled, forfeiting its bond (the no-show's fate).
   */
  private boolean release(Action.Release a) throws Exception {
    long now = now();
    Request r =
        pick(
            requests(
                q ->
                    q.status == RequestStatus.CLEARED
                        && !q.released
                        && (q.allSettled() || now >= q.end() + Rules.SETTLEMENT_PERIOD_S)),
            a.request());
    if (r == null) {
      return false;
    }
    for (Bid b : r.bids.values()) {
      if (b.awardedW > 0 && !b.settled) {
        chain.coordinator(r.requester).closeUnsettled(r.id, b.node.address()).send();
        settleBond(r, b, 0);
      }
    }
    chain.coordinator(actors.admin).releaseEscrow(r.id).send();
    r.released = true;
    Ledger.add(ledger.owed, r.requester.getAddress(), r.reserved.subtract(r.paid));
    return true;
  }

  private boolean withdraw(Action.Withdraw a) throws Exception {
    int choice = a.account() % 7;
    Credentials who =
        switch (choice) {
          case 0 -> actors.requester;
          case 1 -> actors.greedyRequester;
          default -> actors.nodes.get(choice - 2).key();
        };
    if (choice >= 2) {
      reclaimDeposits(actors.nodes.get(choice - 2));
    }
    FlexibilityCoordinator coordinator = chain.coordinator(who);
    if (Ledger.get(ledger.owed, who.getAddress()).signum() == 0) {
      refused(() -> coordinator.withdraw().send(), "NothingToWithdraw");
      return false;
    }
    coordinator.withdraw().send();
    ledger.owed.remove(Ledger.key(who.getAddress()));
    if (who == actors.greedyRequester) {
      // The greedy requester asks again at once: the second withdrawal must pay nothing.
      refused(() -> coordinator.withdraw().send(), "NothingToWithdraw");
    }
    return true;
  }

  /** Honest behaviour before a withdrawal: reclaim deposits of cancelled requests. */
  private void reclaimDeposits(Node n) throws Exception {
    for (Request r : ledger.requests) {
      Bid b = r.bids.get(Ledger.key(n.address()));
      if (b != null && r.status == RequestStatus.CANCELLED && !b.depositReturned) {
        chain.coordinator(n.key()).reclaimDeposit(r.id).send();
        b.depositReturned = true;
        Ledger.add(ledger.owed, n.address(), r.deposit);
      }
    }
  }

  // -------------------------------------------------------------- evidence

  /** Readings of {@code n}'s device over [startS, endS) having moved {@code movedWh} out. */
  private DeviceEvidence readings(Node n, long startS, long endS, long movedWh, long claimedWh) {
    long firstMs = startS * 1000 + 2_000;
    long lastMs = endS * 1000 - 2_000;
    // Registers and sequence numbers grow with time, as a real meter's do.
    long base = startS * 2;
    MeterReading first =
        new MeterReading(n.device().getAddress(), startS, firstMs, 100, base, 0, 500);
    MeterReading last =
        new MeterReading(
            n.device().getAddress(), startS + 1, lastMs, 100, base + movedWh, 2_500, 300);
    return w.leaf(n.device(), n.owner(), first, last, 0, claimedWh);
  }

  /** The most a device can honestly move over a window (the on-chain rated-power ceiling). */
  private static long ceilingWh(long startS, long endS) {
    long elapsedMs = (endS - startS) * 1000 - 4_000;
    return SettlementWorld.RATED_W * elapsedMs / 3_600_000L;
  }

  private boolean overlapsUsed(Node n, long startS, long endS) {
    return ledger.book(n).usedWindows.stream().anyMatch(u -> startS < u[1] && u[0] < endS);
  }

  /** A deliverable award: the node and the request. */
  private record Award(Node node, Request request) {}

  private boolean deliver(Action.Deliver d) throws Exception {
    long now = now();
    // Any node with an award ready for evidence may deliver; the node choice breaks ties first.
    List<Award> awards = new ArrayList<>();
    for (int k = 0; k < actors.nodes.size(); k++) {
      Node n = actors.node(d.node() + k);
      if (n.role() == Role.NO_SHOW) {
        continue;
      }
      for (Request q : ledger.requests) {
        Bid b = q.bids.get(Ledger.key(n.address()));
        if (q.status == RequestStatus.CLEARED
            && b != null
            && b.awardedW > 0
            && !b.submitted
            && now >= q.end()
            && now + MARGIN_S < q.end() + SettlementWorld.EVIDENCE_PERIOD_S
            && !overlapsUsed(n, q.start, q.end())) {
          awards.add(new Award(n, q));
        }
      }
    }
    Award chosen = pick(awards, d.award());
    if (chosen == null) {
      return false;
    }
    Node n = chosen.node();
    Request r = chosen.request();
    Bid b = r.bids.get(Ledger.key(n.address()));
    long target = b.awardedW * r.duration / 3_600 * (d.fraction() % 2 + 1) / 2;
    long moved = Math.min(target, ceilingWh(r.start, r.end()));
    boolean fraud = n.role() == Role.FRAUDSTER;
    long claimed = fraud ? moved + INFLATION_WH : moved;
    BigInteger payment = Rules.payment(b.awardedW, r.duration, r.price, claimed);
    DeviceEvidence leaf = readings(n, r.start, r.end(), moved, claimed);
    if (!active(n)) {
      // A node that unbonded below the minimum could not be slashed for what it posts (the
      // fraudster escaping its stake): it is refused, and its bond goes when the award closes.
      refused(() -> submit(n, Kind.REQUEST, r.id, fraud, leaf, payment), "NotActive");
      return false;
    }
    submit(n, Kind.REQUEST, r.id, fraud, leaf, payment);
    b.submitted = true;
    b.deliveredInFull =
        n.honest()
            && target == b.awardedW * r.duration / 3_600
            && b.awardedW <= SettlementWorld.RATED_W;
    return true;
  }

  private boolean contribute(Action.Contribute c) throws Exception {
    Node n = actors.node(c.node());
    if (n.role() == Role.NO_SHOW || !active(n)) {
      return false;
    }
    long now = now();
    long epoch = now / SettlementWorld.EPOCH_S - 1;
    long startS = epoch * SettlementWorld.EPOCH_S;
    long endS = startS + SettlementWorld.EPOCH_S;
    boolean already =
        ledger.submissions.stream()
            .anyMatch(
                s -> s.node == n && s.kind == Kind.EPOCH && s.subject.longValueExact() == epoch);
    if (epoch < 0 || already || overlapsUsed(n, startS, endS)) {
      return false;
    }
    long moved = ceilingWh(startS, endS) * (c.fraction() % 2 + 1) / 2;
    boolean fraud = n.role() == Role.FRAUDSTER;
    // The fraudster inflates up to the epoch's capacity cap (one device at the rated power for
    // the whole epoch), which lies above what the readings can show.
    long capacityWh = SettlementWorld.RATED_W * SettlementWorld.EPOCH_S / 3_600;
    long claimed = fraud ? Math.min(moved + INFLATION_WH, capacityWh) : moved;
    BigInteger payment = Rules.contributionPayment(claimed);
    if (payment.compareTo(ledger.pool) > 0) {
      return false;
    }
    Submission s =
        submit(
            n,
            Kind.EPOCH,
            BigInteger.valueOf(epoch),
            fraud,
            readings(n, startS, endS, moved, claimed),
            payment);
    ledger.pool = ledger.pool.subtract(payment);
    return s != null;
  }

  private Submission submit(
      Node n, Kind kind, BigInteger subject, boolean fraud, DeviceEvidence leaf, BigInteger payment)
      throws Exception {
    NodeBook book = ledger.book(n);
    EvidenceTree tree = new EvidenceTree(List.of(leaf.leaf()));
    RewardLedger next = book.tipLedger.plus(Rules.ownerShare(payment), tree);
    Settlement.Evidence e =
        new Settlement.Evidence(
            tree.root(),
            next.tree().root(),
            next.total(),
            BigInteger.valueOf(tree.deliveredWh()),
            BigInteger.ONE);
    Settlement settlement = chain.settlement(n.key());
    TransactionReceipt receipt =
        kind == Kind.REQUEST
            ? settlement.submitEvidence(subject, e).send()
            : settlement.submitContribution(subject, e).send();
    var event = Settlement.getEvidenceSubmittedEvents(receipt).get(0);
    if (!event.payment.equals(payment)) {
      throw new AssertionError(
          n
              + " submitted "
              + kind
              + " "
              + subject
              + ": payment "
              + event.payment
              + ", model "
              + payment);
    }
    long postedAt = blockTime(receipt);
    long startS = leaf.first().reading().timestampMs() / 1000;
    long endS = leaf.last().reading().timestampMs() / 1000 + 2;
    Submission s =
        new Submission(
            event.submissionId,
            n,
            kind,
            subject,
            fraud,
            leaf,
            tree,
            next,
            payment,
            book.tip,
            book.generation,
            postedAt,
            startS,
            endS);
    s.roundStart = postedAt;
    s.seedBlock = receipt.getBlockNumber().longValueExact() + 1;
    ledger.submissions.add(s);
    book.usedWindows.add(new long[] {startS, endS});
    book.tip = s.id;
    book.tipLedger = next;
    return s;
  }

  private long blockTime(TransactionReceipt receipt) throws Exception {
    return chain
        .anvil()
        .web3j()
        .ethGetBlockByHash(receipt.getBlockHash(), false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact();
  }

  private boolean fund(Action.Fund f) throws Exception {
    BigInteger amount = Rules.FLEX.multiply(BigInteger.valueOf(f.amount() % 2 == 0 ? 5 : 50));
    chain.token(actors.admin).mint(actors.admin.getAddress(), amount).send();
    chain.token(actors.admin).approve(chain.deployment().settlement(), amount).send();
    chain.settlement(actors.admin).fundContributions(amount).send();
    ledger.pool = ledger.pool.add(amount);
    return true;
  }

  // ------------------------------------------------------------ committee

  private List<Submission> pending() {
    return submissions(s -> s.status == SubmissionStatus.PENDING);
  }

  private boolean draw(Action.Draw d) throws Exception {
    Submission s =
        pick(
            submissions(p -> p.status == SubmissionStatus.PENDING && p.committee == null),
            d.submission());
    if (s == null) {
      return false;
    }
    w.anvil.mine(); // the seed block
    Settlement settlement = chain.settlement(actors.admin);
    if (w.blockNumber() + 1 - s.seedBlock > Rules.BLOCKHASH_WINDOW) {
      // Nobody drew while the seed's hash was readable: the submission waits for a redraw.
      refused(() -> settlement.drawCommittee(s.id).send(), "SeedLost");
      return false;
    }
    TransactionReceipt receipt = settlement.drawCommittee(s.id).send();
    s.committee = Settlement.getCommitteeDrawnEvents(receipt).get(0).committee;
    return true;
  }

  /** Honest members sign honest roots only; malicious members sign fraudulent roots only. */
  private boolean willing(Submission s, String member) {
    return actors.nodeAt(member).honest() != s.fraudulent;
  }

  private boolean attest(Action.Attest a) throws Exception {
    List<Submission> open =
        submissions(
            p ->
                p.status == SubmissionStatus.PENDING
                    && p.committee != null
                    && p.committee.stream().anyMatch(m -> willing(p, m) && !signed(p, m)));
    Submission s = pick(open, a.submission());
    if (s == null) {
      return false;
    }
    List<String> members =
        s.committee.stream().filter(m -> willing(s, m) && !signed(s, m)).toList();
    String member = pick(members, a.member());
    Node signer = actors.nodeAt(member);
    byte[] signature =
        w.attestations.sign(
            s.id, s.tree.root(), s.ledger.tree().root(), signer.key().getEcKeyPair());
    // The member posts its own signature; its stake stays slashable until the submission ends.
    TransactionReceipt receipt =
        chain.settlement(signer.key()).attest(s.id, s.committee, List.of(signature)).send();
    s.attestors.add(Ledger.key(member));
    if (s.attestedAt == 0 && s.attestors.size() >= Rules.QUORUM) {
      s.attestedAt = blockTime(receipt);
    }
    return true;
  }

  private static boolean signed(Submission s, String member) {
    return s.attestors.contains(Ledger.key(member));
  }

  private long attestationDeadline(Submission s) {
    return s.roundStart + SettlementWorld.ATTESTATION_TIMEOUT_S;
  }

  /**
   * Redraws the committee of a submission that reached no quorum within the attestation timeout;
   * past the last redraw the call must be refused (the submission can only expire).
   */
  private boolean redraw(Action.Redraw r) throws Exception {
    long now = now();
    Submission s =
        pick(
            submissions(
                p ->
                    p.status == SubmissionStatus.PENDING
                        && p.attestedAt == 0
                        && now >= attestationDeadline(p)),
            r.submission());
    if (s == null) {
      return false;
    }
    Settlement settlement = chain.settlement(actors.admin);
    if (s.redraws >= Rules.MAX_REDRAWS) {
      refused(() -> settlement.redraw(s.id).send(), "RedrawsExhausted");
      return false;
    }
    TransactionReceipt receipt = settlement.redraw(s.id).send();
    s.redraws += 1;
    s.attestors.clear();
    s.committee = null;
    s.roundStart = blockTime(receipt);
    s.seedBlock = receipt.getBlockNumber().longValueExact() + 1;
    return true;
  }

  private boolean finalizable(Submission s, long now) {
    NodeBook book = ledger.book(s.node);
    return s.status == SubmissionStatus.PENDING
        && s.committee != null
        && s.attestedAt != 0
        && now >= s.attestedAt + SettlementWorld.CHALLENGE_S
        && s.generation == book.generation
        && s.prev.equals(book.lastFinalized)
        && (s.kind == Kind.EPOCH
            || now + MARGIN_S < requestOf(s).end() + Rules.SETTLEMENT_PERIOD_S);
  }

  private Request requestOf(Submission s) {
    return ledger.requests.stream().filter(r -> r.id.equals(s.subject)).findFirst().orElseThrow();
  }

  private boolean finalizeSubmission(Action.Finalize f) throws Exception {
    long now = now();
    Submission s = pick(submissions(p -> finalizable(p, now)), f.submission());
    if (s == null) {
      return false;
    }
    // Every recorded attestor gets an equal share; the remainder goes to the first in committee
    // order.
    List<String> signers = s.committee.stream().filter(m -> signed(s, m)).toList();
    chain.settlement(actors.admin).finalize(s.id, s.committee).send();
    s.status = SubmissionStatus.FINALIZED;
    s.attestors.clear();
    NodeBook book = ledger.book(s.node);
    book.lastFinalized = s.id;
    book.finalLedger = s.ledger;
    BigInteger fee = Rules.fee(s.payment);
    if (fee.signum() > 0) {
      BigInteger n = BigInteger.valueOf(signers.size());
      BigInteger share = fee.divide(n);
      for (String signer : signers) {
        NodeBook sb = ledger.book(actors.nodeAt(signer));
        sb.fees = sb.fees.add(share);
        Ledger.add(ledger.feesOwed, signer, share);
      }
      BigInteger rest = fee.subtract(share.multiply(n));
      NodeBook first = ledger.book(actors.nodeAt(signers.get(0)));
      first.fees = first.fees.add(rest);
      Ledger.add(ledger.feesOwed, signers.get(0), rest);
    }
    if (s.kind == Kind.REQUEST) {
      Request r = requestOf(s);
      r.paid = r.paid.add(s.payment);
      settleBond(r, r.bids.get(Ledger.key(s.node.address())), s.tree.deliveredWh());
    }
    return true;
  }

  /**
   * The challenger commits to a challenge of a pending submission (whether or not it can prove
   * anything: it learns that only at the reveal). One open commitment per submission.
   */
  private boolean commitChallenge(Action.CommitChallenge c) throws Exception {
    Submission s =
        pick(
            submissions(
                p ->
                    p.status == SubmissionStatus.PENDING
                        && (p.fraudulent || !c.checked())
                        && ledger.commitments.stream().noneMatch(k -> k.submission() == p)),
            c.submission());
    if (s == null) {
      return false;
    }
    // A salt fixed by the walk, so that a seed replays the same transactions.
    byte[] salt = Hash.sha3(ByteBuffer.allocate(12).putInt(0xC0FFEE).putLong(++salts).array());
    byte[] commitment =
        new ChallengeCommitment(
                actors.challenger.getAddress(),
                s.id,
                ChallengeCommitment.leafHash(s.evidence.leaf()),
                salt)
            .commitment();
    TransactionReceipt receipt =
        chain.fraudProofs(actors.challenger).commitChallenge(commitment).send();
    ledger.commitments.add(
        new Ledger.Commitment(s, salt, receipt.getBlockNumber().longValueExact()));
    return true;
  }

  /**
   * Reveals a commitment in a later block: the challenge. It must be refused if the submission is
   * no longer pending or its root is honest; otherwise the node and every recorded attestor are
   * slashed, the challenger is paid its share of the whole and the rest is credited to the
   * requester (an epoch's goes back to the contribution pool).
   */
  private boolean challenge(Action.Challenge c) throws Exception {
    Ledger.Commitment k = pick(ledger.commitments, c.commitment());
    if (k == null) {
      return false;
    }
    if (w.blockNumber() <= k.block()) {
      w.anvil.mine(); // the reveal must come in a later block than the commitment
    }
    ledger.commitments.remove(k);
    Submission s = k.submission();
    var fraudProofs = chain.fraudProofs(actors.challenger);
    DeviceEvidence e = s.evidence;
    var call =
        fraudProofs.challenge(
            s.id,
            e.contractLeaf(),
            s.tree.proof(0),
            e.first().toContract(),
            e.last().toContract(),
            k.salt());
    if (s.status != SubmissionStatus.PENDING) {
      refused(call::send, "NotPending");
      return false;
    }
    if (!s.fraudulent) {
      refused(call::send, "NoFraud");
      return false;
    }
    call.send();
    NodeBook book = ledger.book(s.node);
    BigInteger slashed = take(book, Rules.slash(book.stake.add(book.unbonding)));
    for (String attestor : s.attestors) {
      NodeBook ab = ledger.book(actors.nodeAt(attestor));
      BigInteger taken = take(ab, Rules.attestorSlash(ab.stake.add(ab.unbonding)));
      slashed = slashed.add(taken);
      done.merge("attestor slashed", 1, Integer::sum);
    }
    s.attestors.clear();
    BigInteger share = Rules.challengerShare(slashed);
    BigInteger rest = slashed.subtract(share);
    Ledger.add(ledger.received, actors.challenger.getAddress(), share);
    s.status = SubmissionStatus.VOIDED;
    resetChain(book);
    if (s.kind == Kind.EPOCH) {
      ledger.pool = ledger.pool.add(s.payment).add(rest);
    } else {
      Request r = requestOf(s);
      Ledger.add(ledger.credits, r.requester.getAddress(), rest);
      Ledger.add(ledger.creditsReceived, r.requester.getAddress(), rest);
      Bid b = r.bids.get(Ledger.key(s.node.address()));
      if (!b.settled) { // closed unsettled after the deadline already
        settleBond(r, b, 0);
      }
    }
    return true;
  }

  /** Takes {@code amount} from a node's stake first, then from its unbonding balance. */
  private static BigInteger take(NodeBook book, BigInteger amount) {
    BigInteger fromStake = amount.min(book.stake);
    book.stake = book.stake.subtract(fromStake);
    book.unbonding = book.unbonding.subtract(amount.subtract(fromStake));
    book.slashed = book.slashed.add(amount);
    return amount;
  }

  private boolean withdrawCredits(Action.WithdrawCredits a) throws Exception {
    Credentials who = actors.requester(a.requester());
    Settlement settlement = chain.settlement(who);
    if (Ledger.get(ledger.credits, who.getAddress()).signum() == 0) {
      refused(() -> settlement.withdrawCredits().send(), "NothingToWithdraw");
      return false;
    }
    settlement.withdrawCredits().send();
    ledger.credits.remove(Ledger.key(who.getAddress()));
    if (who == actors.greedyRequester) {
      // The greedy requester asks again at once: the second withdrawal must pay nothing.
      refused(() -> settlement.withdrawCredits().send(), "NothingToWithdraw");
    }
    return true;
  }

  /**
   * Settles an award's bond: returned in proportion to the delivery plus the grace, the rest
   * forfeited (half to the requester, half to the treasury, the admin). An honest whole delivery
   * forfeits nothing.
   */
  private void settleBond(Request r, Bid b, long deliveredWh) {
    b.settled = true;
    BigInteger returned = Rules.bondReturned(b.bond, b.awardedW, r.duration, deliveredWh);
    BigInteger forfeited = b.bond.subtract(returned);
    if (b.deliveredInFull && forfeited.signum() > 0) {
      throw new AssertionError(
          b.node
              + " delivered its whole award of "
              + b.awardedW
              + " W honestly, measured "
              + deliveredWh
              + " Wh, and would forfeit "
              + forfeited
              + " wei of bond");
    }
    if (b.deliveredInFull) {
      done.merge("honest whole delivery, whole bond back", 1, Integer::sum);
    }
    BigInteger toRequester = Rules.requesterShare(forfeited);
    b.bond = BigInteger.ZERO;
    Ledger.add(ledger.owed, b.node.address(), returned);
    Ledger.add(ledger.owed, r.requester.getAddress(), toRequester);
    Ledger.add(ledger.forfeitsReceived, r.requester.getAddress(), toRequester);
    Ledger.add(ledger.owed, actors.admin.getAddress(), forfeited.subtract(toRequester));
    NodeBook book = ledger.book(b.node);
    book.forfeited = book.forfeited.add(forfeited);
  }

  private static void resetChain(NodeBook book) {
    book.generation += 1;
    book.tip = book.lastFinalized;
    book.tipLedger = book.finalLedger;
  }

  /** Why Settlement.expire must accept {@code s} now (Expiry ordinal), or -1 if it must not. */
  private int expiry(Submission s, long now) {
    if (s.generation != ledger.book(s.node).generation) {
      return 0; // Superseded
    }
    if (s.kind == Kind.REQUEST && now >= requestOf(s).end() + Rules.SETTLEMENT_PERIOD_S) {
      return 1; // SettlementClosed
    }
    if (s.attestedAt == 0 && s.redraws >= Rules.MAX_REDRAWS && now >= attestationDeadline(s)) {
      return 3; // AttestationTimeout
    }
    return -1;
  }

  private boolean expire(Action.Expire e) throws Exception {
    long now = now();
    Submission s =
        pick(
            submissions(p -> p.status == SubmissionStatus.PENDING && expiry(p, now) >= 0),
            e.submission());
    if (s == null) {
      return false;
    }
    NodeBook book = ledger.book(s.node);
    int expected = expiry(s, now);
    TransactionReceipt receipt = chain.settlement(actors.admin).expire(s.id).send();
    int reason = Settlement.getSubmissionExpiredEvents(receipt).get(0).reason.intValueExact();
    if (reason != expected) {
      throw new AssertionError(s + " expired for reason " + reason + ", model " + expected);
    }
    s.status = SubmissionStatus.EXPIRED;
    s.attestors.clear();
    if (s.kind == Kind.EPOCH) {
      ledger.pool = ledger.pool.add(s.payment);
    }
    if (reason != 0) {
      resetChain(book);
    }
    done.merge(
        "expired " + List.of("superseded", "late", "", "timeout").get(reason), 1, Integer::sum);
    return true;
  }

  // ---------------------------------------------------------------- money

  /**
   * Claims for an owner from a node's final root; the choice picks among every (node, owner) pair
   * of the final roots, including those already claimed (the owner who claims twice).
   */
  private boolean claim(Action.Claim c) throws Exception {
    List<String[]> pairs = new ArrayList<>();
    for (int k = 0; k < actors.nodes.size(); k++) {
      Node n = actors.node(c.node() + k);
      for (String owner : ledger.book(n).finalLedger.cumulative().keySet()) {
        pairs.add(new String[] {n.address(), owner});
      }
    }
    String[] pair = pick(pairs, c.owner());
    if (pair == null) {
      return false;
    }
    Node n = actors.nodeAt(pair[0]);
    String owner = pair[1];
    NodeBook book = ledger.book(n);
    BigInteger cumulative = book.finalLedger.cumulative().get(owner);
    BigInteger already = book.claimed.getOrDefault(owner, BigInteger.ZERO);
    Settlement settlement = chain.settlement(actors.admin);
    var call =
        settlement.claim(n.address(), owner, cumulative, book.finalLedger.tree().proof(owner));
    if (cumulative.compareTo(already) <= 0) {
      // The owner claims the same root twice.
      refused(call::send, "NothingToClaim");
      return false;
    }
    call.send();
    book.claimed.put(owner, cumulative);
    Ledger.add(ledger.ownerClaimed, owner, cumulative.subtract(already));
    return true;
  }

  private boolean withdrawFees(Action.WithdrawFees f) throws Exception {
    Node n = actors.node(f.node());
    Settlement settlement = chain.settlement(n.key());
    if (Ledger.get(ledger.feesOwed, n.address()).signum() == 0) {
      refused(() -> settlement.withdrawFees().send(), "NothingToWithdraw");
      return false;
    }
    settlement.withdrawFees().send();
    ledger.feesOwed.remove(Ledger.key(n.address()));
    return true;
  }

  private boolean stake(Action.Stake s) throws Exception {
    Node n = actors.node(s.node());
    BigInteger amount = Rules.FLEX.multiply(BigInteger.valueOf(s.amount() % 2 == 0 ? 50 : 500));
    if (chain.token(n.key()).balanceOf(n.address()).send().compareTo(amount) < 0) {
      return false;
    }
    chain.token(n.key()).approve(chain.deployment().nodeRegistry(), amount).send();
    chain.nodes(n.key()).increaseStake(amount).send();
    NodeBook book = ledger.book(n);
    book.stake = book.stake.add(amount);
    return true;
  }

  private boolean unbond(Action.Unbond u) throws Exception {
    Node n = actors.node(u.node());
    NodeBook book = ledger.book(n);
    BigInteger wanted = Rules.FLEX.multiply(BigInteger.valueOf(u.amount() % 2 == 0 ? 100 : 1_000));
    // Honest nodes keep the minimum (they still owe bids and attestations); the others may leave.
    BigInteger limit = n.honest() ? book.stake.subtract(Rules.MINIMUM_STAKE) : book.stake;
    BigInteger amount = u.amount() % 3 == 2 && !n.honest() ? book.stake : wanted.min(limit);
    if (amount.signum() <= 0) {
      return false;
    }
    TransactionReceipt receipt = chain.nodes(n.key()).requestUnbond(amount).send();
    book.stake = book.stake.subtract(amount);
    book.unbonding = book.unbonding.add(amount);
    book.unbondingReleaseAt =
        NodeRegistry.getUnbondRequestedEvents(receipt).get(0).releaseAt.longValueExact();
    return true;
  }

  private boolean withdrawStake(Action.WithdrawStake s) throws Exception {
    Node n = actors.node(s.node());
    NodeBook book = ledger.book(n);
    if (book.unbonding.signum() == 0) {
      return false;
    }
    NodeRegistry registry = chain.nodes(n.key());
    if (now() < book.unbondingReleaseAt) {
      if (n.honest()) {
        return false;
      }
      refused(() -> registry.withdraw().send(), "EarlyWithdrawal");
      return false;
    }
    if (ledger.obligations(n) > 0) {
      // Unbonded stake backs open awards, pending submissions and attestations until they end.
      refused(() -> registry.withdraw().send(), "ObligationsOpen");
      return false;
    }
    registry.withdraw().send();
    book.unbonding = BigInteger.ZERO;
    return true;
  }

  // ----------------------------------------------------------------- time

  /**
   * Where a time step goes: to the next deadline of a kind (bid, reveal, end of delivery, close of
   * a challenge window, stake release, contribution epoch; one second past it), or a fixed step of
   * a minute, a bit more than a challenge window, or a day. Without a deadline of the kind, to the
   * next deadline of any kind.
   */
  private long target(int choice, long now) {
    List<Long> kind = new ArrayList<>();
    List<Long> any = new ArrayList<>();
    for (Request r : ledger.requests) {
      any.addAll(List.of(r.bidDeadline, r.revealDeadline, r.end()));
      if (choice <= 2) {
        kind.add(r.bidDeadline);
      } else if (choice <= 5) {
        kind.add(r.revealDeadline);
      } else if (choice <= 8) {
        kind.add(r.end());
      }
    }
    for (Submission s : pending()) {
      if (s.attestedAt != 0) {
        any.add(s.attestedAt + SettlementWorld.CHALLENGE_S);
        if (choice == 9) {
          kind.add(s.attestedAt + SettlementWorld.CHALLENGE_S);
        }
      } else {
        any.add(attestationDeadline(s));
        if (choice == 10) {
          kind.add(attestationDeadline(s));
        }
      }
    }
    for (NodeBook b : ledger.books.values()) {
      if (choice == 11) {
        kind.add(b.unbondingReleaseAt);
      }
    }
    long epoch = (now / SettlementWorld.EPOCH_S + 1) * SettlementWorld.EPOCH_S;
    any.add(epoch);
    switch (choice) {
      case 12:
        return epoch + 1;
      case 13:
        return now + 60;
      case 14:
        return now + SettlementWorld.CHALLENGE_S + 100;
      case 15:
        return now + 86_400 + 100;
      default:
        break;
    }
    return kind.stream()
            .filter(t -> t >= now)
            .min(Long::compare)
            .or(() -> any.stream().filter(t -> t >= now).min(Long::compare))
            .orElse(now)
        + 1;
  }

  /**
   * Moves time forward. Honest nodes reveal their bids on the way: the walk stops at each bid
   * deadline it crosses and reveals them, as a running node would.
   */
  private boolean advance(Action.Advance a) throws Exception {
    // Choices 0-30 cover the deadlines and short steps twice over; only 31 jumps a whole day.
    long target = target(a.step() == 31 ? 15 : a.step() % 15, now());
    List<Request> crossing =
        requests(
                q ->
                    q.status == RequestStatus.OPEN
                        && q.bidDeadline <= target
                        && q.bids.values().stream().anyMatch(b -> b.node.honest() && !b.revealed))
            .stream()
            .sorted(Comparator.comparingLong(q -> q.bidDeadline))
            .toList();
    for (Request r : crossing) {
      if (now() < r.bidDeadline) {
        w.market.warpTo(r.bidDeadline);
      }
      for (Node n : actors.nodes) {
        reveal(n, true);
      }
    }
    w.market.warpTo(target);
    return true;
  }
}
