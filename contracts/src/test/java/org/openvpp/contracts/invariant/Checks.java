package org.openvpp.contracts.invariant;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.openvpp.contracts.generated.FlexToken;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.invariant.Actors.Node;
import org.openvpp.contracts.invariant.Ledger.Kind;
import org.openvpp.contracts.invariant.Ledger.NodeBook;
import org.openvpp.contracts.invariant.Ledger.Request;
import org.openvpp.contracts.invariant.Ledger.Submission;
import org.openvpp.contracts.testing.ChainFixture;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * What must hold after every step. Conservation is computed from the contracts' own views (each
 * contract's FLEX balance equals what it owes); the holdings of every actor are compared with the
 * {@link Ledger}; and no Slashed or FraudProven event may name an honest node. Every failure names
 * the step and the imbalance.
 */
final class Checks {
  private final ChainFixture chain;
  private final Actors actors;
  private final Ledger ledger;
  private final FlexToken token;
  private final FlexibilityCoordinator coordinator;
  private final Settlement settlement;
  private final NodeRegistry registry;
  private long checkedBlock;

  Checks(ChainFixture chain, Actors actors, Ledger ledger) throws Exception {
    this.chain = chain;
    this.actors = actors;
    this.ledger = ledger;
    this.token = chain.token(actors.admin);
    this.coordinator = chain.coordinator(actors.admin);
    this.settlement = chain.settlement(actors.admin);
    this.registry = chain.nodes(actors.admin);
    this.checkedBlock = blockNumber();
  }

  /** Everyone who ever holds FLEX in the walk, contracts excluded. */
  List<String> holders() {
    List<String> all = new ArrayList<>();
    all.add(actors.admin.getAddress());
    all.add(chain.account(1).getAddress());
    all.add(actors.requester.getAddress());
    all.add(actors.greedyRequester.getAddress());
    all.add(actors.challenger.getAddress());
    actors.nodes.forEach(n -> all.add(n.address()));
    all.addAll(Actors.OWNERS);
    return all.stream().map(Ledger::key).toList();
  }

  /** Records every actor's holdings at the start of the walk. */
  void start() throws Exception {
    Snapshot s = read();
    for (String a : holders()) {
      ledger.start.put(a, s.value(a));
    }
    for (Node n : actors.nodes) {
      ledger.books.put(n, new NodeBook(s.stake.get(Ledger.key(n.address()))));
    }
  }

  /** The chain state the checks look at, read in parallel. */
  private final class Snapshot {
    final Map<String, BigInteger> balance = new LinkedHashMap<>();
    final Map<String, BigInteger> owed = new LinkedHashMap<>();
    final Map<String, BigInteger> fees = new LinkedHashMap<>();
    final Map<String, BigInteger> credits = new LinkedHashMap<>();
    final Map<String, BigInteger> stake = new LinkedHashMap<>();
    final Map<String, BigInteger> unbonding = new LinkedHashMap<>();
    final Map<String, Settlement.NodeRewards> rewards = new LinkedHashMap<>();
    final Map<BigInteger, FlexibilityCoordinator.Request> requests = new LinkedHashMap<>();
    final Map<String, FlexibilityCoordinator.Bid> bids = new LinkedHashMap<>();
    final Map<BigInteger, Settlement.Submission> epochs = new LinkedHashMap<>();
    final Map<String, BigInteger> claimed = new LinkedHashMap<>();
    final Map<String, Long> obligations = new LinkedHashMap<>();
    BigInteger pool;
    BigInteger totalStake;
    BigInteger totalSupply;

    BigInteger value(String a) {
      return balance
          .get(a)
          .add(owed.getOrDefault(a, BigInteger.ZERO))
          .add(fees.getOrDefault(a, BigInteger.ZERO))
          .add(credits.getOrDefault(a, BigInteger.ZERO))
          .add(stake.getOrDefault(a, BigInteger.ZERO))
          .add(unbonding.getOrDefault(a, BigInteger.ZERO));
    }
  }

  private Snapshot read() throws Exception {
    Snapshot s = new Snapshot();
    List<CompletableFuture<?>> f = new ArrayList<>();
    List<String> accounts = new ArrayList<>(holders());
    accounts.add(Ledger.key(chain.deployment().coordinator()));
    accounts.add(Ledger.key(chain.deployment().settlement()));
    accounts.add(Ledger.key(chain.deployment().fraudProofs()));
    accounts.add(Ledger.key(chain.deployment().nodeRegistry()));
    for (String a : accounts) {
      f.add(token.balanceOf(a).sendAsync().thenAccept(v -> put(s.balance, a, v)));
    }
    for (String a : holders()) {
      f.add(coordinator.owed(a).sendAsync().thenAccept(v -> put(s.owed, a, v)));
      f.add(settlement.fees(a).sendAsync().thenAccept(v -> put(s.fees, a, v)));
      f.add(settlement.credits(a).sendAsync().thenAccept(v -> put(s.credits, a, v)));
    }
    for (Node n : actors.nodes) {
      String a = Ledger.key(n.address());
      f.add(
          registry
              .getNode(a)
              .sendAsync()
              .thenAccept(
                  info -> {
                    put(s.stake, a, info.stake);
                    put(s.unbonding, a, info.unbonding);
                  }));
      f.add(settlement.nodeRewards(a).sendAsync().thenAccept(r -> put(s.rewards, a, r)));
      f.add(
          registry
              .obligations(a)
              .sendAsync()
              .thenAccept(v -> put(s.obligations, a, v.longValueExact())));
      for (String owner : Actors.OWNERS) {
        f.add(
            settlement
                .claimed(a, owner)
                .sendAsync()
                .thenAccept(v -> put(s.claimed, a + "/" + owner, v)));
      }
    }
    for (Request r : ledger.requests) {
      f.add(coordinator.getRequest(r.id).sendAsync().thenAccept(q -> put(s.requests, r.id, q)));
      for (String node : r.bids.keySet()) {
        f.add(
            coordinator
                .getBid(r.id, node)
                .sendAsync()
                .thenAccept(b -> put(s.bids, r.id + "/" + node, b)));
      }
    }
    for (Submission sub : ledger.submissions) {
      if (sub.kind == Kind.EPOCH) {
        f.add(
            settlement.getSubmission(sub.id).sendAsync().thenAccept(x -> put(s.epochs, sub.id, x)));
      }
    }
    f.add(settlement.contributionPool().sendAsync().thenAccept(v -> s.pool = v));
    f.add(registry.totalStake().sendAsync().thenAccept(v -> s.totalStake = v));
    f.add(token.totalSupply().sendAsync().thenAccept(v -> s.totalSupply = v));
    CompletableFuture.allOf(f.toArray(CompletableFuture[]::new)).join();
    return s;
  }

  private static <K, V> void put(Map<K, V> map, K key, V value) {
    synchronized (map) {
      map.put(key, value);
    }
  }

  /** Runs every check; {@code step} names the step in failures. */
  void after(String step) throws Exception {
    Snapshot s = read();
    List<String> failures = new ArrayList<>();
    conservation(s, failures);
    model(s, failures);
    slashes(failures);
    if (!failures.isEmpty()) {
      throw new AssertionError("after " + step + ":\n  " + String.join("\n  ", failures));
    }
  }

  // ---------------------------------------------------------- conservation

  private void conservation(Snapshot s, List<String> failures) {
    // Coordinator: escrow not yet paid or released, deposits held, refunds and forfeits owed.
    BigInteger escrow = BigInteger.ZERO;
    BigInteger deposits = BigInteger.ZERO;
    BigInteger bonds = BigInteger.ZERO;
    for (Request r : ledger.requests) {
      FlexibilityCoordinator.Request q = s.requests.get(r.id);
      int status = q.status.intValueExact();
      if (status == 1) {
        escrow = escrow.add(q.escrow);
      } else if (status == 2 && !q.escrowReleased) {
        escrow = escrow.add(q.escrow.subtract(q.paid));
      }
      for (String node : r.bids.keySet()) {
        bonds = bonds.add(s.bids.get(r.id + "/" + node).bond);
      }
      if (status == 1 || status == 3) {
        for (String node : r.bids.keySet()) {
          FlexibilityCoordinator.Bid b = s.bids.get(r.id + "/" + node);
          if (!b.depositReturned) {
            deposits = deposits.add(q.bidDeposit);
          }
        }
      }
    }
    BigInteger owed = sum(s.owed);
    expectHolds(
        failures,
        "FlexibilityCoordinator",
        s.balance.get(Ledger.key(chain.deployment().coordinator())),
        Map.of("escrow", escrow, "deposits", deposits, "bonds", bonds, "owed", owed));

    // Settlement: the pool, reserved epoch payments, fees, requesters' slash credits,
    // finalized-but-unclaimed rewards.
    BigInteger reserved = BigInteger.ZERO;
    for (Settlement.Submission sub : s.epochs.values()) {
      if (sub.status.intValueExact() == 1) {
        reserved = reserved.add(sub.payment);
      }
    }
    BigInteger unclaimed = BigInteger.ZERO;
    for (Settlement.NodeRewards r : s.rewards.values()) {
      unclaimed = unclaimed.add(r.claimTotal.subtract(r.claimedTotal));
    }
    expectHolds(
        failures,
        "Settlement",
        s.balance.get(Ledger.key(chain.deployment().settlement())),
        Map.of(
            "pool",
            s.pool,
            "reserved",
            reserved,
            "fees",
            sum(s.fees),
            "credits",
            sum(s.credits),
            "unclaimed",
            unclaimed));

    expectHolds(
        failures,
        "FraudProofs",
        s.balance.get(Ledger.key(chain.deployment().fraudProofs())),
        Map.of());

    BigInteger stake = sum(s.stake);
    expectHolds(
        failures,
        "NodeRegistry",
        s.balance.get(Ledger.key(chain.deployment().nodeRegistry())),
        Map.of("stake", stake, "unbonding", sum(s.unbonding)));
    if (!stake.equals(s.totalStake)) {
      failures.add("NodeRegistry.totalStake " + s.totalStake + " but stakes sum to " + stake);
    }
    BigInteger everyone = sum(s.balance);
    if (!everyone.equals(s.totalSupply)) {
      failures.add(
          "FLEX left the known accounts: totalSupply "
              + s.totalSupply
              + ", known balances "
              + everyone
              + " (difference "
              + s.totalSupply.subtract(everyone)
              + ")");
    }
  }

  private static void expectHolds(
      List<String> failures, String contract, BigInteger balance, Map<String, BigInteger> owes) {
    BigInteger total = sum(owes);
    if (!balance.equals(total)) {
      failures.add(
          contract
              + " holds "
              + balance
              + " FLEX wei but owes "
              + total
              + " "
              + new java.util.TreeMap<>(owes)
              + ": imbalance "
              + balance.subtract(total));
    }
  }

  private static BigInteger sum(Map<?, BigInteger> values) {
    return values.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
  }

  // ----------------------------------------------------------------- model

  private void model(Snapshot s, List<String> failures) {
    for (Node n : actors.nodes) {
      String a = Ledger.key(n.address());
      NodeBook b = ledger.book(n);
      same(failures, n + " stake", s.stake.get(a), b.stake);
      same(failures, n + " unbonding", s.unbonding.get(a), b.unbonding);
      same(failures, n + " attestor fees owed", s.fees.get(a), Ledger.get(ledger.feesOwed, a));
      BigInteger start = ledger.start.get(a);
      BigInteger locked = ledger.lockedDeposits(n).add(ledger.lockedBonds(n));
      same(
          failures,
          n + " open obligations",
          BigInteger.valueOf(s.obligations.get(a)),
          BigInteger.valueOf(ledger.obligations(n)));
      BigInteger expected =
          start.add(b.fees).subtract(b.forfeited).subtract(b.slashed).subtract(locked);
      owedExactly(failures, n.toString(), s.value(a), expected);
      if (!n.honest() && s.value(a).add(locked).compareTo(start) > 0) {
        failures.add(
            n
                + " is malicious and gained: holds "
                + s.value(a).add(locked)
                + ", started with "
                + start);
      }
      for (String owner : Actors.OWNERS) {
        same(
            failures,
            "claimed by " + actors.name(owner) + " from " + n,
            s.claimed.get(a + "/" + owner),
            b.claimed.getOrDefault(owner, BigInteger.ZERO));
      }
    }
    for (String a : holders()) {
      same(
          failures,
          actors.name(a) + " owed by the coordinator",
          s.owed.get(a),
          Ledger.get(ledger.owed, a));
      same(
          failures,
          actors.name(a) + " slash credits owed by Settlement",
          s.credits.get(a),
          Ledger.get(ledger.credits, a));
    }
    same(failures, "contribution pool", s.pool, ledger.pool);
    for (var requester : List.of(actors.requester, actors.greedyRequester)) {
      String a = Ledger.key(requester.getAddress());
      BigInteger expected =
          ledger
              .start
              .get(a)
              .add(Ledger.get(ledger.minted, a))
              .subtract(ledger.lockedEscrow(requester))
              .subtract(ledger.paidBy(requester))
              .add(Ledger.get(ledger.forfeitsReceived, a))
              .add(Ledger.get(ledger.creditsReceived, a));
      owedExactly(failures, actors.name(a), s.value(a), expected);
    }
    String challenger = Ledger.key(actors.challenger.getAddress());
    owedExactly(
        failures,
        "challenger",
        s.value(challenger),
        ledger.start.get(challenger).add(Ledger.get(ledger.received, challenger)));
    for (String owner : Actors.OWNERS) {
      BigInteger held = s.value(owner).subtract(ledger.start.get(owner));
      owedExactly(failures, actors.name(owner), held, Ledger.get(ledger.ownerClaimed, owner));
      BigInteger entitled = ledger.ownerEntitlement(owner);
      if (held.compareTo(entitled) > 0) {
        failures.add(
            actors.name(owner)
                + " received "
                + held
                + " but final roots credit it only "
                + entitled);
      }
    }
    if (s.value(Actors.ACCOMPLICE).compareTo(ledger.start.get(Actors.ACCOMPLICE)) > 0) {
      failures.add("the fraudster's accomplice owner gained " + s.value(Actors.ACCOMPLICE));
    }
  }

  private static void same(List<String> failures, String what, BigInteger chain, BigInteger model) {
    if (!chain.equals(model)) {
      failures.add(what + ": chain " + chain + ", model " + model);
    }
  }

  private static void owedExactly(
      List<String> failures, String who, BigInteger holds, BigInteger owed) {
    int c = holds.compareTo(owed);
    if (c > 0) {
      failures.add(
          who
              + " holds more than it was owed: "
              + holds
              + " > "
              + owed
              + " (by "
              + holds.subtract(owed)
              + ")");
    } else if (c < 0) {
      failures.add(
          who
              + " holds less than it was owed: "
              + holds
              + " < "
              + owed
              + " (short by "
              + owed.subtract(holds)
              + ")");
    }
  }

  // --------------------------------------------------------------- slashes

  /**
   * No Slashed, AttestorSlashed or FraudProven event since the last check names an honest node
   * (honest attestors sign honest roots only, so they must never be slashed).
   */
  private void slashes(List<String> failures) throws Exception {
    long to = blockNumber();
    if (to <= checkedBlock) {
      return;
    }
    String slashed = EventEncoder.encode(NodeRegistry.SLASHED_EVENT);
    String proven = EventEncoder.encode(FraudProofs.FRAUDPROVEN_EVENT);
    String attestorSlashed = EventEncoder.encode(Settlement.ATTESTORSLASHED_EVENT);
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(checkedBlock + 1)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
            List.of(
                chain.deployment().nodeRegistry(),
                chain.deployment().fraudProofs(),
                chain.deployment().settlement()));
    EthLog logs = chain.anvil().web3j().ethGetLogs(filter).send();
    for (EthLog.LogResult<?> result : logs.getLogs()) {
      Log log = (Log) result.get();
      String topic = log.getTopics().get(0);
      String node;
      if (topic.equals(slashed)) {
        node = address(log.getTopics().get(1));
      } else if (topic.equals(proven)) {
        node = address(log.getTopics().get(2));
      } else if (topic.equals(attestorSlashed)) {
        node = address(log.getTopics().get(2));
      } else {
        continue;
      }
      Node n = actors.nodeAt(node);
      if (n.honest()) {
        failures.add(
            (topic.equals(slashed)
                    ? "Slashed"
                    : topic.equals(proven) ? "FraudProven" : "AttestorSlashed")
                + " against honest "
                + n
                + " in block "
                + log.getBlockNumber());
      }
    }
    checkedBlock = to;
  }

  private static String address(String topic) {
    return "0x" + topic.substring(topic.length() - 40);
  }

  private long blockNumber() throws Exception {
    return chain.anvil().web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
  }
}
