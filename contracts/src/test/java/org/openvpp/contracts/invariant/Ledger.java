package org.openvpp.contracts.invariant;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.invariant.Actors.Node;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.web3j.crypto.Credentials;

/**
 * The walk's own account of who is owed what, kept from the rules (docs/market-and-settlement.md)
 * and never read back from the contracts: requests and their escrow, bids and deposits, awards,
 * submissions and their reward ledgers, attestor fees, the contribution pool, stake, slashes and
 * every actor's expected holdings. The checks compare the chain with it after every step.
 */
final class Ledger {
  enum RequestStatus {
    OPEN,
    CLEARED,
    CANCELLED,
    EXPIRED
  }

  enum SubmissionStatus {
    PENDING,
    FINALIZED,
    VOIDED,
    EXPIRED
  }

  enum Kind {
    REQUEST,
    EPOCH
  }

  /** A sealed bid as its node knows it. */
  static final class Bid {
    final Node node;
    final long powerW;
    final BigInteger price;
    final byte[] salt;
    final int commitIndex;
    boolean revealed;
    boolean depositReturned;
    long awardedW;

    /** Performance bond still locked. */
    BigInteger bond = BigInteger.ZERO;

    boolean submitted;
    boolean settled;

    /**
     * An honest node's evidence of its whole award (within its device's rating), measured between
     * readings inside the window's edges: the delivery grace must return its whole bond.
     */
    boolean deliveredInFull;

    Bid(Node node, long powerW, BigInteger price, byte[] salt, int commitIndex) {
      this.node = node;
      this.powerW = powerW;
      this.price = price;
      this.salt = salt;
      this.commitIndex = commitIndex;
    }
  }

  static final class Request {
    final BigInteger id;
    final Credentials requester;
    final long powerW;
    final BigInteger cap;
    final long bidDeadline;
    final long revealDeadline;
    final long start;
    final long duration;
    final BigInteger escrow;
    final BigInteger deposit;
    final Map<String, Bid> bids = new LinkedHashMap<>();
    RequestStatus status = RequestStatus.OPEN;
    BigInteger price = BigInteger.ZERO;
    BigInteger reserved = BigInteger.ZERO;
    BigInteger paid = BigInteger.ZERO;
    boolean released;

    Request(
        BigInteger id,
        Credentials requester,
        long powerW,
        BigInteger cap,
        long bidDeadline,
        long revealDeadline,
        long start,
        long duration,
        BigInteger escrow,
        BigInteger deposit) {
      this.id = id;
      this.requester = requester;
      this.powerW = powerW;
      this.cap = cap;
      this.bidDeadline = bidDeadline;
      this.revealDeadline = revealDeadline;
      this.start = start;
      this.duration = duration;
      this.escrow = escrow;
      this.deposit = deposit;
    }

    long end() {
      return start + duration;
    }

    /** Escrow still held for the requester or the nodes. */
    BigInteger lockedEscrow() {
      return switch (status) {
        case OPEN -> escrow;
        case CLEARED -> released ? BigInteger.ZERO : reserved.subtract(paid);
        default -> BigInteger.ZERO;
      };
    }

    boolean allSettled() {
      return bids.values().stream().filter(b -> b.awardedW > 0).allMatch(b -> b.settled);
    }

    @Override
    public String toString() {
      return "request " + id;
    }
  }

  /** A submission with everything needed to attest, finalize, challenge and claim it. */
  static final class Submission {
    final BigInteger id;
    final Node node;
    final Kind kind;
    final BigInteger subject;
    final boolean fraudulent;
    final DeviceEvidence evidence;
    final EvidenceTree tree;
    final RewardLedger ledger;
    final BigInteger payment;
    final BigInteger prev;
    final int generation;
    final long postedAt;
    final long windowStart;
    final long windowEnd;
    List<String> committee;

    /** Attestors recorded on chain for the current committee, in recording order. */
    final List<String> attestors = new ArrayList<>();

    /** When the quorum was first recorded (0 before): the challenge window runs from it. */
    long attestedAt;

    /**
     * When the current committee round began (posting or last redraw): the timeout runs from it.
     */
    long roundStart;

    /** The block whose hash seeds the current committee draw. */
    long seedBlock;

    int redraws;
    SubmissionStatus status = SubmissionStatus.PENDING;

    Submission(
        BigInteger id,
        Node node,
        Kind kind,
        BigInteger subject,
        boolean fraudulent,
        DeviceEvidence evidence,
        EvidenceTree tree,
        RewardLedger ledger,
        BigInteger payment,
        BigInteger prev,
        int generation,
        long postedAt,
        long windowStart,
        long windowEnd) {
      this.id = id;
      this.node = node;
      this.kind = kind;
      this.subject = subject;
      this.fraudulent = fraudulent;
      this.evidence = evidence;
      this.tree = tree;
      this.ledger = ledger;
      this.payment = payment;
      this.prev = prev;
      this.generation = generation;
      this.postedAt = postedAt;
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
    }

    @Override
    public String toString() {
      return "submission " + id + " of " + node + (fraudulent ? " (fraudulent)" : "");
    }
  }

  /** A challenge the challenger committed to (FraudProofs.commitChallenge) and has not revealed. */
  record Commitment(Submission submission, byte[] salt, long block) {}

  /** Per node: stake, its chain of submissions and what it gained or lost. */
  static final class NodeBook {
    BigInteger stake;
    BigInteger unbonding = BigInteger.ZERO;
    long unbondingReleaseAt;
    BigInteger fees = BigInteger.ZERO;
    BigInteger forfeited = BigInteger.ZERO;
    BigInteger slashed = BigInteger.ZERO;
    int generation;
    BigInteger tip = BigInteger.ZERO;
    BigInteger lastFinalized = BigInteger.ZERO;
    RewardLedger tipLedger = new RewardLedger();
    RewardLedger finalLedger = new RewardLedger();
    final Map<String, BigInteger> claimed = new HashMap<>();

    /** Delivery windows [start, end) in seconds whose readings this node already used. */
    final List<long[]> usedWindows = new ArrayList<>();

    NodeBook(BigInteger stake) {
      this.stake = stake;
    }
  }

  final Map<String, BigInteger> start = new HashMap<>();
  final Map<String, BigInteger> minted = new HashMap<>();

  /** What the coordinator owes each account (refunds, returned deposits, forfeits). */
  final Map<String, BigInteger> owed = new HashMap<>();

  /** Attestor fees Settlement owes each node. */
  final Map<String, BigInteger> feesOwed = new HashMap<>();

  final Map<String, BigInteger> forfeitsReceived = new HashMap<>();

  /** Requesters' shares of fraud slashes Settlement owes (paid by withdrawCredits). */
  final Map<String, BigInteger> credits = new HashMap<>();

  /** Requesters' shares of fraud slashes ever credited. */
  final Map<String, BigInteger> creditsReceived = new HashMap<>();

  final List<Commitment> commitments = new ArrayList<>();
  final Map<String, BigInteger> received = new HashMap<>();
  final Map<String, BigInteger> ownerClaimed = new HashMap<>();
  final Map<Node, NodeBook> books = new LinkedHashMap<>();
  final List<Request> requests = new ArrayList<>();
  final List<Submission> submissions = new ArrayList<>();
  BigInteger pool = BigInteger.ZERO;

  static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }

  static void add(Map<String, BigInteger> map, String address, BigInteger amount) {
    map.merge(key(address), amount, BigInteger::add);
  }

  static BigInteger get(Map<String, BigInteger> map, String address) {
    return map.getOrDefault(key(address), BigInteger.ZERO);
  }

  NodeBook book(Node n) {
    return books.get(n);
  }

  /** Deposits of {@code n}'s bids still held by the coordinator. */
  BigInteger lockedDeposits(Node n) {
    BigInteger sum = BigInteger.ZERO;
    for (Request r : requests) {
      Bid b = r.bids.get(key(n.address()));
      if (b != null && depositHeld(r, b)) {
        sum = sum.add(r.deposit);
      }
    }
    return sum;
  }

  static boolean depositHeld(Request r, Bid b) {
    return !b.depositReturned
        && (r.status == RequestStatus.OPEN || r.status == RequestStatus.CANCELLED);
  }

  /** Performance bonds of {@code n}'s bids still locked. */
  BigInteger lockedBonds(Node n) {
    BigInteger sum = BigInteger.ZERO;
    for (Request r : requests) {
      Bid b = r.bids.get(key(n.address()));
      if (b != null) {
        sum = sum.add(b.bond);
      }
    }
    return sum;
  }

  /** Awards of {@code n} not yet settled: the obligations the coordinator keeps open. */
  long openAwards(Node n) {
    return requests.stream()
        .map(r -> r.bids.get(key(n.address())))
        .filter(b -> b != null && b.awardedW > 0 && !b.settled)
        .count();
  }

  /**
   * The obligations the registry must count for {@code n}: its unsettled awards (coordinator), its
   * pending submissions and the pending submissions it is a recorded attestor of (Settlement).
   */
  long obligations(Node n) {
    String a = key(n.address());
    long submissions =
        this.submissions.stream()
            .filter(s -> s.status == SubmissionStatus.PENDING)
            .mapToLong(s -> (s.node == n ? 1 : 0) + (s.attestors.contains(a) ? 1 : 0))
            .sum();
    return openAwards(n) + submissions;
  }

  BigInteger lockedEscrow(Credentials requester) {
    return requests.stream()
        .filter(r -> r.requester.getAddress().equalsIgnoreCase(requester.getAddress()))
        .map(Request::lockedEscrow)
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  BigInteger paidBy(Credentials requester) {
    return requests.stream()
        .filter(r -> r.requester.getAddress().equalsIgnoreCase(requester.getAddress()))
        .map(r -> r.paid)
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  /** What an owner may ever claim: its entries in every node's last final reward ledger. */
  BigInteger ownerEntitlement(String owner) {
    BigInteger sum = BigInteger.ZERO;
    for (NodeBook b : books.values()) {
      sum = sum.add(b.finalLedger.cumulative().getOrDefault(owner, BigInteger.ZERO));
    }
    return sum;
  }
}
