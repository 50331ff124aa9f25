package org.openvpp.contracts.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.deploy.MarketParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Market;
import org.openvpp.contracts.testing.Market.SealedBid;
import org.openvpp.contracts.testing.Market.Timing;
import org.openvpp.contracts.testing.SettlerMarket;
import org.openvpp.contracts.tx.RevertReasons;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.utils.Numeric;

/**
 * FlexibilityCoordinator on a real Anvil: posting with escrow, sealed bids, merit-order clearing,
 * cancellation, settlement of awards, escrow release and withdrawal. Every expected amount is
 * worked out here from the contract's documented rules, never read back from the contract.
 */
@ExtendWith(AnvilExtension.class)
class FlexibilityCoordinatorIT {
  private static final BigInteger FLEX = ChainFixture.FLEX;
  private static final BigInteger WS_PER_KWH = BigInteger.valueOf(3_600_000);
  private static final BigInteger DEPOSIT = MarketParameters.defaults().bidDeposit();
  private static final BigInteger BOND_PER_KWH = MarketParameters.defaults().bondPerKWh();
  private static final int SHARE_BPS = MarketParameters.defaults().requesterShareBps();
  private static final long SETTLEMENT_PERIOD =
      MarketParameters.defaults().settlementPeriodSeconds();
  private static final long GRACE_S = MarketParameters.defaults().deliveryGraceSeconds();
  private static final long MIN_STAKE_FLEX =
      DeploymentParameters.defaults().minimumStake().divide(FLEX).longValueExact();

  /** One hundredth of a FLEX per kWh: prices below are in these units. */
  private static final BigInteger CENT = FLEX.divide(BigInteger.valueOf(100));

  private static final BigInteger CAP = price(50);
  private static final long DURATION = 3_600;
  private static final byte[] OTHER_ZONE = Hash.sha3("zone-b".getBytes(StandardCharsets.UTF_8));

  private static final int OPEN = 1;
  private static final int CLEARED = 2;
  private static final int CANCELLED = 3;
  private static final int EXPIRED = 4;

  private static final SecureRandom RANDOM = new SecureRandom();

  private ChainFixture chain;
  private Market market;
  private Credentials requester;
  private Credentials a;
  private Credentials b;
  private Credentials c;
  private Credentials d;
  private Credentials foreign;
  private Credentials outsider;
  private Credentials settler;
  private String coordinatorAddress;
  private Timing t;

  @BeforeEach
  void deploy(Anvil anvil) throws Exception {
    settler = anvil.credentials(8);
    // The coordinator's settlement is an account here, so its rules can be driven directly.
    chain = SettlerMarket.deploy(anvil, settler);
    market = new Market(chain);
    coordinatorAddress = chain.deployment().coordinator();
    requester = chain.account(1);
    a = chain.account(2);
    b = chain.account(3);
    c = chain.account(4);
    d = chain.account(5);
    foreign = chain.account(6);
    outsider = chain.account(7);
    // Nodes stake exactly the minimum, so a single wei unbonded makes them inactive.
    for (Credentials node : List.of(a, b, c, d)) {
      market.registerNode(node, Market.ZONE, MIN_STAKE_FLEX);
    }
    market.registerNode(foreign, OTHER_ZONE, MIN_STAKE_FLEX);
    // The outsider has FLEX and an allowance, so only eligibility can keep it out.
    chain.mint(outsider.getAddress(), 100);
    chain.token(outsider).approve(coordinatorAddress, FLEX.pow(2)).send();
  }

  // ------------------------------------------------------------------ post

  @Test
  void postingPullsTheMaximumCostRoundedUpAndAnnouncesTheRequest() throws Exception {
    long powerW = 1_001;
    long duration = 901;
    BigInteger maxPrice = BigInteger.valueOf(1_234_567);
    BigInteger product = BigInteger.valueOf(powerW * duration).multiply(maxPrice);
    assertThat(product.mod(WS_PER_KWH)).as("a remainder, so rounding up shows").isNotZero();
    BigInteger escrow = product.divide(WS_PER_KWH).add(BigInteger.ONE);
    chain.mint(requester.getAddress(), 1);
    // Exactly the escrow is approved: pulling a wei more would revert.
    chain.token(requester).approve(coordinatorAddress, escrow).send();
    BigInteger requesterBefore = balance(requester.getAddress());
    BigInteger heldBefore = balance(coordinatorAddress);
    Timing timing = market.timing(duration);

    TransactionReceipt receipt =
        coordinator(requester)
            .postRequest(params(Market.ZONE, Direction.DOWN, powerW, maxPrice, timing))
            .send();

    assertThat(balance(requester.getAddress())).isEqualTo(requesterBefore.subtract(escrow));
    assertThat(balance(coordinatorAddress)).isEqualTo(heldBefore.add(escrow));
    var event = FlexibilityCoordinator.getRequestPostedEvents(receipt).get(0);
    assertThat(event.requestId).isEqualTo(BigInteger.ONE);
    assertThat(event.requester).isEqualToIgnoringCase(requester.getAddress());
    assertThat(event.zone).isEqualTo(Market.ZONE);
    assertThat(event.direction.intValue()).isEqualTo(Direction.DOWN.ordinal());
    assertThat(event.powerW.longValue()).isEqualTo(powerW);
    assertThat(event.start.longValue()).isEqualTo(timing.start());
    assertThat(event.duration.longValue()).isEqualTo(duration);
    assertThat(event.maxPricePerKWh).isEqualTo(maxPrice);
    assertThat(event.bidDeadline.longValue()).isEqualTo(timing.bidDeadline());
    assertThat(event.revealDeadline.longValue()).isEqualTo(timing.revealDeadline());
    assertThat(event.escrow).isEqualTo(escrow);
    FlexibilityCoordinator.Request r = request(BigInteger.ONE);
    assertThat(r.requester).isEqualToIgnoringCase(requester.getAddress());
    // The one field Settlement reads, by name rather than by position in Request.
    assertThat(coordinator(outsider).requesterOf(BigInteger.ONE).send())
        .isEqualToIgnoringCase(requester.getAddress());
    assertThat(coordinator(outsider).requesterOf(BigInteger.TWO).send())
        .as("unknown request")
        .isEqualTo("0x0000000000000000000000000000000000000000");
    assertThat(r.status.intValue()).isEqualTo(OPEN);
    assertThat(r.escrow).isEqualTo(escrow);
    assertThat(r.bidDeposit).isEqualTo(DEPOSIT);
    assertThat(r.escrowReleased).isFalse();
    assertThat(coordinator(requester).requestCount().send()).isEqualTo(BigInteger.ONE);
  }

  @Test
  void everyInvalidRequestIsRejectedWithItsReason() throws Exception {
    // Funds and allowance are there, so a missing check would let the post through.
    chain.mint(requester.getAddress(), 1_000_000);
    chain.token(requester).approve(coordinatorAddress, FLEX.pow(2)).send();
    long now = market.now();
    Timing ok = new Timing(now + 100, now + 200, now + 300, DURATION);

    assertInvalid(params(Market.ZONE, Direction.UP, 0, CAP, ok), "powerW is zero");
    assertInvalid(
        params(Market.ZONE, Direction.UP, 1_000, CAP, withDuration(ok, 0)),
        "duration out of range");
    assertInvalid(
        params(Market.ZONE, Direction.UP, 1_000, CAP, withDuration(ok, 86_401)),
        "duration out of range");
    assertInvalid(
        params(Market.ZONE, Direction.UP, 1_000, BigInteger.ZERO, ok), "maxPricePerKWh is zero");
    assertInvalid(
        params(
            Market.ZONE, Direction.UP, 1_000, CAP, new Timing(now - 1, now + 200, now + 300, 60)),
        "bidDeadline not in the future");
    assertInvalid(
        params(
            Market.ZONE, Direction.UP, 1_000, CAP, new Timing(now + 100, now + 100, now + 300, 60)),
        "revealDeadline not after bidDeadline");
    assertInvalid(
        params(
            Market.ZONE, Direction.UP, 1_000, CAP, new Timing(now + 100, now + 99, now + 300, 60)),
        "revealDeadline not after bidDeadline");
    assertInvalid(
        params(
            Market.ZONE, Direction.UP, 1_000, CAP, new Timing(now + 100, now + 200, now + 199, 60)),
        "start before revealDeadline");
    // 2^32-1 W for a day at the largest uint128 price cannot be escrowed in a uint128.
    assertInvalid(
        params(
            Market.ZONE,
            Direction.UP,
            0xFFFF_FFFFL,
            BigInteger.TWO.pow(128).subtract(BigInteger.ONE),
            withDuration(ok, 86_400)),
        "escrow too large");
    assertThat(coordinator(requester).requestCount().send()).as("nothing posted").isZero();

    // The edges themselves are valid: a one-day window that starts at the reveal deadline.
    coordinator(requester)
        .postRequest(
            params(
                Market.ZONE,
                Direction.UP,
                1_000,
                CAP,
                new Timing(now + 100, now + 200, now + 200, 86_400)))
        .send();
    assertThat(coordinator(requester).requestCount().send()).isEqualTo(BigInteger.ONE);
  }

  // ---------------------------------------------------------------- commit

  @Test
  void aCommitLocksTheDepositAndTakesTheNextCommitIndex() throws Exception {
    BigInteger id = post(10_000);
    BigInteger nodeBefore = balance(a.getAddress());
    BigInteger heldBefore = balance(coordinatorAddress);
    SealedBid first = seal(a, id, 4_000, price(30));

    TransactionReceipt receipt = commit(first);

    assertThat(balance(a.getAddress())).isEqualTo(nodeBefore.subtract(DEPOSIT));
    assertThat(balance(coordinatorAddress)).isEqualTo(heldBefore.add(DEPOSIT));
    var event = FlexibilityCoordinator.getBidCommittedEvents(receipt).get(0);
    assertThat(event.requestId).isEqualTo(id);
    assertThat(event.node).isEqualToIgnoringCase(a.getAddress());
    assertThat(event.commitment).isEqualTo(first.commitment());
    FlexibilityCoordinator.Bid bid = bid(id, a);
    assertThat(bid.commitment).isEqualTo(first.commitment());
    assertThat(bid.commitIndex.intValue()).isZero();
    assertThat(bid.revealed).isFalse();

    commit(seal(b, id, 4_000, price(20)));
    assertThat(bid(id, b).commitIndex.intValue()).isEqualTo(1);
    assertThat(request(id).commits.intValue()).isEqualTo(2);
  }

  @Test
  void onlyActiveNodesOfTheRequestsZoneMayBid() throws Exception {
    BigInteger id = post(10_000);

    var unstaked =
        chain.assertReverts(() -> commit(seal(outsider, id, 1, price(1))), "NotEligible");
    assertThat(unstaked.arguments().get(0)).isEqualToIgnoringCase(outsider.getAddress());
    assertThat(unstaked.arguments().get(1)).isEqualTo(Numeric.toHexString(Market.ZONE));

    // Active, but in another zone.
    assertThat(chain.nodes(foreign).isActive(foreign.getAddress()).send()).isTrue();
    var elsewhere =
        chain.assertReverts(() -> commit(seal(foreign, id, 1, price(1))), "NotEligible");
    assertThat(elsewhere.arguments().get(0)).isEqualToIgnoringCase(foreign.getAddress());

    assertThat(request(id).commits.intValue()).isZero();
  }

  @Test
  void aNodeThatUnbondedBelowTheMinimumStakeMayNoLongerBid() throws Exception {
    BigInteger first = post(10_000);
    BigInteger second = post(10_000);
    commit(seal(a, first, 1_000, price(10))); // eligible with exactly the minimum

    chain.nodes(a).requestUnbond(BigInteger.ONE).send();

    chain.assertReverts(() -> commit(seal(a, second, 1_000, price(10))), "NotEligible");
    assertThat(request(second).commits.intValue()).isZero();
  }

  @Test
  void aNodeThatUnbondedAfterCommittingCannotRevealAndForfeitsItsDeposit() throws Exception {
    BigInteger id = post(10_000);
    SealedBid sealed = seal(a, id, 1_000, price(10));
    commit(sealed);
    // Winning with no stake at risk would make a fraud unpunishable: the reveal is refused.
    chain.nodes(a).requestUnbond(BigInteger.ONE).send();
    market.warpTo(t.bidDeadline());
    chain.assertReverts(() -> reveal(sealed), "NotEligible");
    assertThat(request(id).reveals.intValue()).isZero();
    assertThat(owed(a)).isZero();
  }

  @Test
  void anEmptyCommitmentIsRejected() throws Exception {
    BigInteger id = post(10_000);
    chain.assertReverts(() -> coordinator(a).commitBid(id, new byte[32]).send(), "EmptyCommitment");
    assertThat(request(id).commits.intValue()).isZero();
  }

  @Test
  void aNodeCommitsOnceAndOnlyBeforeTheBidDeadline() throws Exception {
    BigInteger id = post(10_000);
    commit(seal(a, id, 4_000, price(30)));
    BigInteger afterFirst = balance(a.getAddress());

    chain.assertReverts(() -> commit(seal(a, id, 5_000, price(20))), "AlreadyCommitted");
    market.warpTo(t.bidDeadline());
    chain.assertReverts(() -> commit(seal(b, id, 5_000, price(20))), "BiddingClosed");

    assertThat(balance(a.getAddress())).as("one deposit only").isEqualTo(afterFirst);
    assertThat(request(id).commits.intValue()).isEqualTo(1);
    assertThat(bid(id, b).commitment).isEqualTo(new byte[32]);
  }

  @Test
  void moreThanSixtyFourBidsClearWithASuppliedOrderAndTheGasIsRecorded() throws Exception {
    List<Credentials> bidders = new ArrayList<>(List.of(a, b, c, d));
    while (bidders.size() < 100) {
      Credentials node = market.fundedAccount();
      market.registerNode(node, Market.ZONE, MIN_STAKE_FLEX);
      bidders.add(node);
    }
    for (int n : List.of(16, 100)) {
      BigInteger id = post(n);
      // Prices fall in commit order, so the merit order is the reverse of the commit order and
      // every offer is awarded: the most work clearing can do.
      List<SealedBid> bids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        bids.add(seal(bidders.get(i), id, 1, BigInteger.valueOf(n - i)));
      }
      TransactionReceipt cleared = auction(id, bids);

      assertThat(request(id).commits.intValue()).isEqualTo(n);
      var awarded = FlexibilityCoordinator.getAwardedEvents(cleared);
      assertThat(awarded).hasSize(n);
      assertThat(awarded.get(0).node)
          .as("cheapest first")
          .isEqualToIgnoringCase(bidders.get(n - 1).getAddress());
      assertThat(bid(id, bidders.get(0)).commitIndex.intValue()).isZero();
      // Ethereum mainnet blocks hold 30 M gas (36 M today): clearing must fit with room to spare.
      System.out.printf("clear() with %d revealed bids used %s gas%n", n, cleared.getGasUsed());
      assertThat(cleared.getGasUsed()).isLessThan(BigInteger.valueOf(15_000_000));
    }
  }

  // The three tests below pin down a fixed bug: commitBid accepted bytes32(0), the value that
  // marks "no commit" in storage. So one node could commit again and again (each time a deposit
  // and a slot), fill MAX_BIDS - 1 slots with empty commitments and then bid alone at the cap; and
  // on a cancelled request reclaimDeposit answered NoCommitment, locking that deposit.

  @Test
  void anEmptyCommitmentDoesNotLetANodeCommitTwice() throws Exception {
    BigInteger id = post(10_000);
    BigInteger before = balance(a.getAddress());

    for (int i = 0; i < 3; i++) {
      try {
        coordinator(a).commitBid(id, new byte[32]).send();
      } catch (TransactionException rejected) {
        // rejecting the empty commitment outright is a fix too
      }
    }

    assertThat(request(id).commits.intValue()).as("commits by one node").isLessThanOrEqualTo(1);
    assertThat(before.subtract(balance(a.getAddress()))).isLessThanOrEqualTo(DEPOSIT);
  }

  @Test
  void oneNodeCannotFillTheBidSlotsAndBidAlone() throws Exception {
    BigInteger id = post(10_000);
    for (int i = 0; i < 63; i++) {
      try {
        coordinator(a).commitBid(id, new byte[32]).send();
      } catch (TransactionException rejected) {
        break;
      }
    }
    try {
      commit(seal(a, id, 10_000, CAP)); // its one real bid, at the cap
    } catch (TransactionException alreadyCommitted) {
      // fine: the node had its one commit
    }

    // Another node of the zone must still get to bid.
    succeeds("b's commit", () -> commit(seal(b, id, 10_000, price(1))));
    assertThat(bid(id, b).commitment).isNotEqualTo(new byte[32]);
  }

  @Test
  void aCancelledRequestLeavesNoDepositLockedInTheContract() throws Exception {
    BigInteger id = post(10_000);
    boolean committed;
    try {
      coordinator(a).commitBid(id, new byte[32]).send();
      committed = true;
    } catch (TransactionException rejected) {
      committed = false;
    }
    coordinator(requester).cancel(id).send();
    if (committed) {
      succeeds("reclaiming the deposit", () -> coordinator(a).reclaimDeposit(id).send());
    }
    coordinator(requester).withdraw().send();
    if (committed) {
      coordinator(a).withdraw().send();
    }

    assertThat(balance(coordinatorAddress)).isZero();
  }

  // ---------------------------------------------------------------- reveal

  @Test
  void aRevealRecordsTheOfferAndCreditsTheDepositBack() throws Exception {
    BigInteger id = post(10_000);
    SealedBid sealed = seal(a, id, 4_000, price(30));
    commit(sealed);
    BigInteger afterCommit = balance(a.getAddress());
    market.warpTo(t.bidDeadline());

    TransactionReceipt receipt = reveal(sealed);

    var event = FlexibilityCoordinator.getBidRevealedEvents(receipt).get(0);
    assertThat(event.node).isEqualToIgnoringCase(a.getAddress());
    assertThat(event.powerW.longValue()).isEqualTo(4_000);
    assertThat(event.pricePerKWh).isEqualTo(price(30));
    FlexibilityCoordinator.Bid bid = bid(id, a);
    assertThat(bid.revealed).isTrue();
    assertThat(bid.depositReturned).isTrue();
    assertThat(bid.powerW.longValue()).isEqualTo(4_000);
    assertThat(bid.pricePerKWh).isEqualTo(price(30));
    // Credited, not paid: the node withdraws it later. The bond for 4 kW × 1 h is pulled.
    BigInteger bond = bond(4_000, DURATION);
    assertThat(bid.bond).isEqualTo(bond);
    assertThat(FlexibilityCoordinator.getBondLockedEvents(receipt).get(0).bond).isEqualTo(bond);
    assertThat(owed(a)).isEqualTo(DEPOSIT);
    assertThat(balance(a.getAddress())).isEqualTo(afterCommit.subtract(bond));
    assertThat(revealedBidders(id)).containsExactly(lower(a));
    assertThat(request(id).reveals.intValue()).isEqualTo(1);
  }

  @Test
  void revealsAreAcceptedOnlyBetweenTheBidAndTheRevealDeadline() throws Exception {
    BigInteger id = post(10_000);
    SealedBid sealed = seal(a, id, 4_000, price(30));
    commit(sealed);

    chain.assertReverts(() -> reveal(sealed), "BiddingNotClosed");
    market.warpTo(t.revealDeadline());
    chain.assertReverts(() -> reveal(sealed), "RevealClosed");

    assertThat(request(id).reveals.intValue()).isZero();
    assertThat(owed(a)).isZero();
  }

  @Test
  void aRevealMustMatchTheCommitmentInPricePowerAndSalt() throws Exception {
    BigInteger id = post(10_000);
    SealedBid sealed = seal(a, id, 4_000, price(30));
    commit(sealed);
    market.warpTo(t.bidDeadline());
    byte[] otherSalt = sealed.salt().clone();
    otherSalt[31] ^= 1;

    chain.assertReverts(
        () -> reveal(new SealedBid(a, id, 4_000, price(29), sealed.salt())), "CommitmentMismatch");
    chain.assertReverts(
        () -> reveal(new SealedBid(a, id, 4_001, price(30), sealed.salt())), "CommitmentMismatch");
    chain.assertReverts(
        () -> reveal(new SealedBid(a, id, 4_000, price(30), otherSalt)), "CommitmentMismatch");

    // The failed attempts used nothing up: the true offer still reveals.
    reveal(sealed);
    assertThat(bid(id, a).pricePerKWh).isEqualTo(price(30));
  }

  @Test
  void anAccountWithoutACommitCannotReveal() throws Exception {
    BigInteger id = post(10_000);
    SealedBid sealed = seal(a, id, 4_000, price(30));
    commit(sealed);
    market.warpTo(t.bidDeadline());

    chain.assertReverts(
        () -> reveal(new SealedBid(b, id, 4_000, price(30), sealed.salt())), "NoCommitment");
  }

  @Test
  void aCopiedCommitmentCannotBeRevealedByTheCopier() throws Exception {
    BigInteger id = post(10_000);
    SealedBid victim = seal(a, id, 4_000, price(30));
    commit(victim);
    // b copies a's commitment from the chain into its own commit...
    coordinator(b).commitBid(id, victim.commitment()).send();
    assertThat(bid(id, b).commitment).isEqualTo(victim.commitment());
    market.warpTo(t.bidDeadline());
    reveal(victim);

    // ...and replays a's now public offer and salt: the commitment binds a's address, not b's.
    chain.assertReverts(
        () -> reveal(new SealedBid(b, id, 4_000, price(30), victim.salt())), "CommitmentMismatch");
    assertThat(revealedBidders(id)).containsExactly(lower(a));
  }

  @Test
  void anOfferAboveTheCapOrWithoutPowerIsInvalid() throws Exception {
    BigInteger id = post(10_000);
    SealedBid dear = seal(a, id, 4_000, CAP.add(BigInteger.ONE));
    SealedBid atCap = seal(b, id, 4_000, CAP);
    SealedBid empty = seal(c, id, 0, price(10));
    for (SealedBid bid : List.of(dear, atCap, empty)) {
      commit(bid);
    }
    market.warpTo(t.bidDeadline());

    assertThat(chain.assertReverts(() -> reveal(dear), "InvalidOffer").arguments())
        .containsExactly("price above the request's cap");
    assertThat(chain.assertReverts(() -> reveal(empty), "InvalidOffer").arguments())
        .containsExactly("powerW is zero");
    reveal(atCap); // the cap itself is allowed

    assertThat(revealedBidders(id)).containsExactly(lower(b));
  }

  @Test
  void aBidIsRevealedOnceAndItsDepositCreditedOnce() throws Exception {
    BigInteger id = post(10_000);
    SealedBid sealed = seal(a, id, 4_000, price(30));
    commit(sealed);
    market.warpTo(t.bidDeadline());
    reveal(sealed);

    chain.assertReverts(() -> reveal(sealed), "AlreadyRevealed");

    assertThat(owed(a)).isEqualTo(DEPOSIT);
    assertThat(request(id).reveals.intValue()).isEqualTo(1);
  }

  // -------------------------------------------------------------- clearing

  @Test
  void clearingTakesOffersInMeritOrderAtOneUniformPriceWithAPartialLastAward() throws Exception {
    BigInteger id = post(10_000);
    SealedBid a4 = seal(a, id, 4_000, price(30));
    SealedBid d6 = seal(d, id, 6_000, price(40));
    SealedBid b5 = seal(b, id, 5_000, price(10));
    SealedBid c3 = seal(c, id, 3_000, price(20));

    // Commit and reveal orders are neither merit order nor each other.
    TransactionReceipt cleared = auction(id, List.of(a4, d6, b5, c3), List.of(c3, a4, d6, b5));

    // b 5 kW + c 3 kW, then 2 of a's 4 kW cover 10 kW; everyone gets a's 30.
    assertThat(awardedEvents(cleared))
        .containsExactly(
            lower(b) + " 5000 @" + price(30),
            lower(c) + " 3000 @" + price(30),
            lower(a) + " 2000 @" + price(30));
    var summary = FlexibilityCoordinator.getClearedEvents(cleared).get(0);
    assertThat(summary.awardedPowerW.longValue()).isEqualTo(10_000);
    assertThat(summary.clearingPrice).isEqualTo(price(30));
    assertThat(summary.awards.intValue()).isEqualTo(3);
    assertThat(summary.forfeited).isZero();
    assertThat(awardedW(id, b)).isEqualTo(5_000);
    assertThat(awardedW(id, c)).isEqualTo(3_000);
    assertThat(awardedW(id, a)).isEqualTo(2_000);
    assertThat(awardedW(id, d)).isZero();

    FlexibilityCoordinator.Award award = coordinator(a).getAward(id, a.getAddress()).send();
    assertThat(award.awardedW.longValue()).isEqualTo(2_000);
    assertThat(award.clearingPrice).isEqualTo(price(30));
    assertThat(award.start.longValue()).isEqualTo(t.start());
    assertThat(award.duration.longValue()).isEqualTo(DURATION);
    assertThat(award.direction.intValue()).isEqualTo(Direction.UP.ordinal());
    assertThat(award.settled).isFalse();
    assertThat(coordinator(a).getAward(id, d.getAddress()).send().awardedW).isZero();

    FlexibilityCoordinator.Request r = request(id);
    assertThat(r.status.intValue()).isEqualTo(CLEARED);
    assertThat(r.awardedPowerW.longValue()).isEqualTo(10_000);
    assertThat(r.clearingPrice).isEqualTo(price(30));
    assertThat(r.awards.intValue()).isEqualTo(3);

    // The Java reference agrees, fed the offers with their commit indices.
    MeritOrder.Result reference =
        MeritOrder.clear(10_000, List.of(offer(a4, 0), offer(d6, 1), offer(b5, 2), offer(c3, 3)));
    assertThat(reference.awards())
        .containsExactly(
            Map.entry(lower(b), 5_000L), Map.entry(lower(c), 3_000L), Map.entry(lower(a), 2_000L));
    assertThat(reference.clearingPrice()).isEqualTo(r.clearingPrice);
  }

  @Test
  void clearingAcceptsOnlyTheMeritOrderOfEveryRevealedBidder() throws Exception {
    BigInteger id = post(10_000);
    SealedBid a4 = seal(a, id, 4_000, price(30));
    SealedBid b5 = seal(b, id, 5_000, price(10));
    SealedBid c5 = seal(c, id, 5_000, price(10)); // ties with b, committed later
    SealedBid hidden = seal(d, id, 1_000, price(1)); // never revealed
    for (SealedBid bid : List.of(a4, b5, c5, hidden)) {
      commit(bid);
    }
    market.warpTo(t.bidDeadline());
    for (SealedBid bid : List.of(a4, c5, b5)) {
      reveal(bid);
    }
    market.warpTo(t.revealDeadline());
    FlexibilityCoordinator cleaner = coordinator(outsider);
    String la = a.getAddress();
    String lb = b.getAddress();
    String lc = c.getAddress();
    String ld = d.getAddress();

    var wrongTie =
        chain.assertReverts(
            () -> cleaner.clear(id, List.of(lc, lb, la)).send(), "OrderNotIncreasing");
    assertThat(wrongTie.arguments()).containsExactly("1");
    var wrongPrice =
        chain.assertReverts(
            () -> cleaner.clear(id, List.of(lb, la, lc)).send(), "OrderNotIncreasing");
    assertThat(wrongPrice.arguments()).containsExactly("2");
    chain.assertReverts(() -> cleaner.clear(id, List.of(lb, lb, la)).send(), "OrderNotIncreasing");
    var missing =
        chain.assertReverts(() -> cleaner.clear(id, List.of(lb, lc)).send(), "OrderLengthMismatch");
    assertThat(missing.arguments()).containsExactly("2", "3");
    chain.assertReverts(
        () -> cleaner.clear(id, List.of(lb, lc, la, ld)).send(), "OrderLengthMismatch");
    var unrevealed =
        chain.assertReverts(() -> cleaner.clear(id, List.of(ld, lb, lc)).send(), "NotRevealed");
    assertThat(unrevealed.arguments().get(1)).isEqualToIgnoringCase(ld);
    assertThat(request(id).status.intValue()).isEqualTo(OPEN);

    assertThat(ClearingOrder.of(cleaner, id))
        .as("the order read from the chain")
        .containsExactly(lb, lc, la);
    TransactionReceipt cleared = cleaner.clear(id, List.of(lb, lc, la)).send();
    assertThat(awardedEvents(cleared))
        .containsExactly(lower(b) + " 5000 @" + price(10), lower(c) + " 5000 @" + price(10));
    // Bonds above the awarded energy come back at clearing: all of a's, none of b's or c's.
    assertThat(bid(id, a).bond).isZero();
    assertThat(bid(id, b).bond).isEqualTo(bond(5_000, DURATION));
    assertThat(owed(a)).isEqualTo(DEPOSIT.add(bond(4_000, DURATION)));
  }

  @Test
  void aPartialAwardKeepsOnlyTheBondOfItsAwardedEnergy() throws Exception {
    BigInteger id = post(8_000);
    TransactionReceipt cleared =
        auction(id, List.of(seal(a, id, 6_000, price(20)), seal(b, id, 6_001, price(25))));

    assertThat(awardedW(id, b)).isEqualTo(2_000);
    BigInteger kept = bond(2_000, DURATION);
    BigInteger returned = bond(6_001, DURATION).subtract(kept);
    assertThat(bid(id, b).bond).isEqualTo(kept);
    var events = FlexibilityCoordinator.getBondReturnedEvents(cleared);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).node).isEqualToIgnoringCase(b.getAddress());
    assertThat(events.get(0).amount).isEqualTo(returned);
    assertThat(owed(b)).isEqualTo(DEPOSIT.add(returned));
  }

  @Test
  void aTieGoesToTheEarlierCommitWhenAcommitsFirst() throws Exception {
    assertEarlierCommitWinsTie(a, b);
  }

  @Test
  void aTieGoesToTheEarlierCommitWhenBcommitsFirst() throws Exception {
    assertEarlierCommitWinsTie(b, a);
  }

  /** Equal prices: the earlier commit is served first, even when it is revealed last. */
  private void assertEarlierCommitWinsTie(Credentials early, Credentials late) throws Exception {
    BigInteger id = post(8_000);
    SealedBid first = seal(early, id, 6_000, price(25));
    SealedBid second = seal(late, id, 6_000, price(25));

    TransactionReceipt cleared = auction(id, List.of(first, second), List.of(second, first));

    assertThat(awardedW(id, early)).isEqualTo(6_000);
    assertThat(awardedW(id, late)).isEqualTo(2_000);
    assertThat(awardedEvents(cleared))
        .containsExactly(lower(early) + " 6000 @" + price(25), lower(late) + " 2000 @" + price(25));
  }

  @Test
  void tooLittleOfferedPowerIsAllAwardedAtTheHighestAcceptedPrice() throws Exception {
    BigInteger id = post(10_000);
    BigInteger escrow = request(id).escrow;

    auction(id, List.of(seal(a, id, 3_000, price(10)), seal(b, id, 4_000, price(25))));

    FlexibilityCoordinator.Request r = request(id);
    assertThat(r.awardedPowerW.longValue()).isEqualTo(7_000);
    assertThat(r.clearingPrice).isEqualTo(price(25));
    assertThat(r.awards.intValue()).isEqualTo(2);
    assertThat(awardedW(id, a)).isEqualTo(3_000);
    assertThat(awardedW(id, b)).isEqualTo(4_000);
    // Escrow above 7 kW for an hour at 0.25 FLEX/kWh goes back at once.
    BigInteger reserved = maxCost(7_000, DURATION, price(25));
    assertThat(r.escrow).isEqualTo(reserved);
    assertThat(owed(requester)).isEqualTo(escrow.subtract(reserved));
  }

  @Test
  void withoutRevealsTheRequestExpiresAndTheEscrowAndForfeitsGoToTheRequester() throws Exception {
    BigInteger id = post(10_000);
    BigInteger escrow = request(id).escrow;
    commit(seal(a, id, 4_000, price(30)));
    commit(seal(b, id, 4_000, price(20)));
    market.warpTo(t.revealDeadline());

    TransactionReceipt receipt = clear(id);

    BigInteger forfeited = DEPOSIT.multiply(BigInteger.TWO);
    assertThat(FlexibilityCoordinator.getExpiredEvents(receipt).get(0).forfeited)
        .isEqualTo(forfeited);
    assertThat(FlexibilityCoordinator.getEscrowReleasedEvents(receipt).get(0).refund)
        .isEqualTo(escrow);
    assertThat(FlexibilityCoordinator.getClearedEvents(receipt)).isEmpty();
    FlexibilityCoordinator.Request r = request(id);
    assertThat(r.status.intValue()).isEqualTo(EXPIRED);
    assertThat(r.escrowReleased).isTrue();
    assertThat(owed(requester)).isEqualTo(escrow.add(forfeited));
    assertThat(owed(a)).isZero();

    BigInteger before = balance(requester.getAddress());
    coordinator(requester).withdraw().send();
    assertThat(balance(requester.getAddress())).isEqualTo(before.add(escrow).add(forfeited));
  }

  @Test
  void aRequestNobodyBidsOnExpiresWithTheWholeEscrowBack() throws Exception {
    BigInteger id = post(10_000);
    BigInteger escrow = request(id).escrow;
    market.warpTo(t.revealDeadline());

    TransactionReceipt receipt = clear(id);

    assertThat(FlexibilityCoordinator.getExpiredEvents(receipt).get(0).forfeited).isZero();
    assertThat(request(id).status.intValue()).isEqualTo(EXPIRED);
    assertThat(owed(requester)).isEqualTo(escrow);
  }

  @Test
  void anUnrevealedDepositIsForfeitedAndTheEscrowSurplusCreditedAtClearing() throws Exception {
    BigInteger id = post(10_000);
    BigInteger escrow = request(id).escrow;
    SealedBid shown = seal(a, id, 6_000, price(20));
    SealedBid hidden = seal(b, id, 3_000, price(10)); // cheaper, but never revealed
    commit(shown);
    commit(hidden);
    market.warpTo(t.bidDeadline());
    reveal(shown);
    market.warpTo(t.revealDeadline());

    TransactionReceipt receipt = clear(id);

    var summary = FlexibilityCoordinator.getClearedEvents(receipt).get(0);
    assertThat(summary.forfeited).isEqualTo(DEPOSIT);
    assertThat(summary.awardedPowerW.longValue()).isEqualTo(6_000);
    assertThat(summary.clearingPrice).isEqualTo(price(20));
    BigInteger reserved = maxCost(6_000, DURATION, price(20));
    assertThat(request(id).escrow).isEqualTo(reserved);
    assertThat(owed(requester)).isEqualTo(escrow.subtract(reserved).add(DEPOSIT));
    assertThat(owed(b)).isZero();
    assertThat(bid(id, b).depositReturned).isFalse();
    assertThat(awardedW(id, b)).isZero();
    assertThat(owed(a)).isEqualTo(DEPOSIT);
  }

  @Test
  void clearingWaitsForTheRevealDeadlineAndHappensOnce() throws Exception {
    BigInteger id = post(10_000);
    SealedBid sealed = seal(a, id, 4_000, price(30));
    commit(sealed);
    market.warpTo(t.bidDeadline());
    reveal(sealed);

    chain.assertReverts(() -> clear(id), "RevealNotClosed");
    market.warpTo(t.revealDeadline());
    clear(id);
    chain.assertReverts(() -> clear(id), "NotOpen");

    assertThat(request(id).status.intValue()).isEqualTo(CLEARED);
    assertThat(owed(requester))
        .as("surplus credited once")
        .isEqualTo(maxCost(10_000, DURATION, CAP).subtract(maxCost(4_000, DURATION, price(30))));
  }

  // ---------------------------------------------------------------- cancel

  @Test
  void theRequesterCancelsBeforeTheBidDeadlineAndNodesReclaimTheirDeposits() throws Exception {
    BigInteger id = post(10_000);
    BigInteger escrow = request(id).escrow;
    commit(seal(a, id, 4_000, price(30)));
    chain.assertReverts(() -> coordinator(a).reclaimDeposit(id).send(), "NotCancelled");

    TransactionReceipt receipt = coordinator(requester).cancel(id).send();

    assertThat(FlexibilityCoordinator.getCancelledEvents(receipt)).hasSize(1);
    assertThat(FlexibilityCoordinator.getEscrowReleasedEvents(receipt).get(0).refund)
        .isEqualTo(escrow);
    FlexibilityCoordinator.Request r = request(id);
    assertThat(r.status.intValue()).isEqualTo(CANCELLED);
    assertThat(r.escrowReleased).isTrue();
    assertThat(owed(requester)).isEqualTo(escrow);
    chain.assertReverts(() -> commit(seal(b, id, 4_000, price(20))), "NotOpen");
    chain.assertReverts(() -> coordinator(requester).cancel(id).send(), "NotOpen");

    TransactionReceipt reclaimed = coordinator(a).reclaimDeposit(id).send();
    var event = FlexibilityCoordinator.getDepositReclaimedEvents(reclaimed).get(0);
    assertThat(event.node).isEqualToIgnoringCase(a.getAddress());
    assertThat(event.amount).isEqualTo(DEPOSIT);
    assertThat(owed(a)).isEqualTo(DEPOSIT);
    assertThat(bid(id, a).depositReturned).isTrue();
    chain.assertReverts(() -> coordinator(a).reclaimDeposit(id).send(), "DepositAlreadyReturned");
    chain.assertReverts(() -> coordinator(b).reclaimDeposit(id).send(), "NoCommitment");
    assertThat(owed(a)).as("credited once").isEqualTo(DEPOSIT);

    // Everything the contract held for this request is paid out.
    coordinator(requester).withdraw().send();
    coordinator(a).withdraw().send();
    assertThat(balance(coordinatorAddress)).isZero();
  }

  @Test
  void onlyTheRequesterCancelsAndOnlyWhileBiddingIsOpen() throws Exception {
    BigInteger id = post(10_000);

    var stranger = chain.assertReverts(() -> coordinator(a).cancel(id).send(), "NotRequester");
    assertThat(stranger.arguments().get(1)).isEqualToIgnoringCase(a.getAddress());
    market.warpTo(t.bidDeadline());
    chain.assertReverts(() -> coordinator(requester).cancel(id).send(), "BiddingClosed");

    assertThat(request(id).status.intValue()).isEqualTo(OPEN);
    assertThat(owed(requester)).isZero();
  }

  // ------------------------------------------------------------ settlement

  @Test
  void onlyTheSettlementSettlesAwards() throws Exception {
    BigInteger id = clearedAuction().id();

    for (Credentials caller : List.of(outsider, requester, a, chain.admin())) {
      var error =
          chain.assertReverts(
              () -> coordinator(caller).settleAward(id, a.getAddress(), BigInteger.ONE).send(),
              "NotSettlement");
      assertThat(error.arguments()).containsExactly(lower(caller));
    }
    assertThat(coordinator(a).getAward(id, a.getAddress()).send().settled).isFalse();
    assertThat(coordinator(a).settlement().send()).isEqualToIgnoringCase(settler.getAddress());
    chain.assertReverts(
        () -> coordinator(chain.admin()).setSettlement(outsider.getAddress()).send(),
        "SettlementAlreadySet");
  }

  @Test
  void settlementPaysDeliveredEnergyCappedAtTheAwardAndReleasesTheRest() throws Exception {
    Cleared auction = clearedAuction();
    BigInteger id = auction.id();
    BigInteger postedEscrow = auction.postedEscrow();
    BigInteger clearingPrice = request(id).clearingPrice;
    assertThat(clearingPrice).isEqualTo(auction.expectedPrice());

    // a over-delivers: 7,000 Wh against 6,000 W for one hour is paid as 6,000 Wh.
    BigInteger payA = payment(6_000, DURATION, clearingPrice, 7_000);
    assertThat(payA).isEqualTo(payment(6_000, DURATION, clearingPrice, 6_000));
    BigInteger heldBefore = balance(coordinatorAddress);
    BigInteger settlerBefore = balance(settler.getAddress());
    TransactionReceipt receipt =
        coordinator(settler).settleAward(id, a.getAddress(), BigInteger.valueOf(7_000)).send();

    var settled = FlexibilityCoordinator.getAwardSettledEvents(receipt).get(0);
    assertThat(settled.node).isEqualToIgnoringCase(a.getAddress());
    assertThat(settled.deliveredWh.longValue()).isEqualTo(7_000);
    assertThat(settled.payment).isEqualTo(payA);
    assertThat(balance(settler.getAddress())).isEqualTo(settlerBefore.add(payA));
    assertThat(balance(coordinatorAddress)).isEqualTo(heldBefore.subtract(payA));
    assertThat(coordinator(a).getAward(id, a.getAddress()).send().settled).isTrue();
    assertThat(request(id).paid).isEqualTo(payA);

    chain.assertReverts(
        () -> coordinator(settler).settleAward(id, a.getAddress(), BigInteger.ONE).send(),
        "AwardAlreadySettled");
    chain.assertReverts(
        () -> coordinator(settler).settleAward(id, c.getAddress(), BigInteger.ONE).send(),
        "NoAward");
    chain.assertReverts(() -> coordinator(outsider).releaseEscrow(id).send(), "SettlementOpen");

    // b under-delivers 1,234 of its 4,000 Wh and is paid for 1,234 Wh only.
    BigInteger payB = payment(4_000, DURATION, clearingPrice, 1_234);
    assertThat(payB).isLessThan(payment(4_000, DURATION, clearingPrice, 4_000));
    TransactionReceipt settledB =
        coordinator(settler).settleAward(id, b.getAddress(), BigInteger.valueOf(1_234)).send();
    assertThat(FlexibilityCoordinator.getAwardSettledEvents(settledB).get(0).payment)
        .isEqualTo(payB);
    FlexibilityCoordinator.Request r = request(id);
    assertThat(r.paid).isEqualTo(payA.add(payB));
    assertThat(r.settledAwards.intValue()).isEqualTo(2);

    // Every award settled: the unpaid escrow returns before the settlement deadline.
    receipt = coordinator(outsider).releaseEscrow(id).send();
    assertThat(FlexibilityCoordinator.getEscrowReleasedEvents(receipt).get(0).refund)
        .isEqualTo(r.escrow.subtract(payA).subtract(payB));
    assertThat(owed(requester))
        .as("surplus at clearing plus refund: all the escrow that was not paid, plus a bond share")
        .isEqualTo(
            postedEscrow
                .subtract(payA)
                .subtract(payB)
                .add(
                    bond(4_000, DURATION)
                        .subtract(bondBack(bond(4_000, DURATION), 4_000, 1_234))
                        .multiply(BigInteger.valueOf(SHARE_BPS))
                        .divide(BigInteger.valueOf(10_000))));
    chain.assertReverts(
        () -> coordinator(outsider).releaseEscrow(id).send(), "EscrowAlreadyReleased");

    // Bonds: a delivered its whole award and gets its bond back; b delivered 1,234 of 4,000 Wh
    // and gets the fraction (1,234 Wh + the grace's 4,000 W × 150 s) / 4,000 Wh of its 4 kWh bond
    // back, the rest is forfeited (a share to the requester, the remainder to the treasury, the
    // admin here).
    BigInteger bondB = bond(4_000, DURATION);
    BigInteger returnedB = bondBack(bondB, 4_000, 1_234);
    assertThat(returnedB)
        .isEqualTo(
            bondB
                .multiply(BigInteger.valueOf(1_234 * 3_600 + 4_000 * 150))
                .divide(BigInteger.valueOf(4_000 * 3_600)));
    BigInteger forfeitedB = bondB.subtract(returnedB);
    BigInteger toRequester =
        forfeitedB.multiply(BigInteger.valueOf(SHARE_BPS)).divide(BigInteger.valueOf(10_000));
    var forfeit = FlexibilityCoordinator.getBondForfeitedEvents(settledB).get(0);
    assertThat(forfeit.node).isEqualToIgnoringCase(b.getAddress());
    assertThat(forfeit.amount).isEqualTo(forfeitedB);
    assertThat(forfeit.toRequester).isEqualTo(toRequester);
    assertThat(forfeit.toTreasury).isEqualTo(forfeitedB.subtract(toRequester));
    assertThat(owed(b))
        .isEqualTo(DEPOSIT.add(bond(6_000, DURATION).subtract(bondB)).add(returnedB));
    assertThat(owed(a)).isEqualTo(DEPOSIT.add(bond(6_000, DURATION)));
    assertThat(owed(chain.admin())).isEqualTo(forfeitedB.subtract(toRequester));
    assertThat(owed(c))
        .as("c lost: deposit and whole bond back")
        .isEqualTo(DEPOSIT.add(bond(3_000, DURATION)));

    // Nothing is left behind once everyone has withdrawn what is owed.
    for (Credentials account : List.of(requester, a, b, c, chain.admin())) {
      coordinator(account).withdraw().send();
    }
    assertThat(balance(coordinatorAddress)).isZero();
  }

  /**
   * The delivery grace at its boundary: a (6,000 W for an hour, grace 150 s = 250 Wh) delivering
   * exactly 5,750 Wh gets its whole bond back; b (4,000 W, grace 166.7 Wh, boundary 3,834 Wh)
   * delivering one Wh less than its boundary forfeits the bond of the missing fraction. Payment
   * follows the measured delivery in both cases: the grace forgives bond, it pays nothing.
   */
  @Test
  void theBondComesBackWholeAtTheGraceBoundaryAndOneWhBelowForfeitsTheMissingFraction()
      throws Exception {
    assertThat(GRACE_S).isEqualTo(150);
    Cleared auction = clearedAuction();
    BigInteger id = auction.id();
    BigInteger price = request(id).clearingPrice;
    BigInteger bondA = bond(6_000, DURATION);
    BigInteger bondB = bond(4_000, DURATION);
    BigInteger owedA = owed(a);
    BigInteger owedB = owed(b);

    TransactionReceipt atBoundary =
        coordinator(settler).settleAward(id, a.getAddress(), BigInteger.valueOf(5_750)).send();
    TransactionReceipt below =
        coordinator(settler).settleAward(id, b.getAddress(), BigInteger.valueOf(3_833)).send();

    assertThat(FlexibilityCoordinator.getBondForfeitedEvents(atBoundary)).isEmpty();
    assertThat(owed(a)).isEqualTo(owedA.add(bondA));
    assertThat(FlexibilityCoordinator.getAwardSettledEvents(atBoundary).get(0).payment)
        .isEqualTo(payment(6_000, DURATION, price, 5_750))
        .isLessThan(payment(6_000, DURATION, price, 6_000));
    // (3,833 × 3,600 + 4,000 × 150) / (4,000 × 3,600) = 14,398,800 / 14,400,000 of the bond.
    BigInteger returnedB =
        bondB.multiply(BigInteger.valueOf(14_398_800)).divide(BigInteger.valueOf(14_400_000));
    assertThat(returnedB).isEqualTo(bondBack(bondB, 4_000, 3_833)).isLessThan(bondB);
    var forfeit = FlexibilityCoordinator.getBondForfeitedEvents(below).get(0);
    assertThat(forfeit.amount).isEqualTo(bondB.subtract(returnedB));
    assertThat(owed(b)).isEqualTo(owedB.add(returnedB));
    assertThat(FlexibilityCoordinator.getAwardSettledEvents(below).get(0).payment)
        .isEqualTo(payment(4_000, DURATION, price, 3_833));
    // The contract's own rule agrees one Wh either side of both boundaries.
    var rule = coordinator(outsider);
    BigInteger grace = BigInteger.valueOf(GRACE_S);
    BigInteger hour = BigInteger.valueOf(DURATION);
    assertThat(bondReturned(rule, bondB, 4_000, grace, 3_834)).isEqualTo(bondB);
    assertThat(bondReturned(rule, bondA, 6_000, grace, 5_749))
        .isEqualTo(bondBack(bondA, 6_000, 5_749))
        .isEqualTo(bondA.multiply(BigInteger.valueOf(5_999)).divide(BigInteger.valueOf(6_000)));
    assertThat(bondReturned(rule, bondA, 6_000, grace, 0)).as("no delivery, no grace").isZero();
    assertThat(
            rule.bondReturned(bondA, BigInteger.valueOf(6_000), hour, grace, BigInteger.ONE).send())
        .isEqualTo(bondBack(bondA, 6_000, 1));
  }

  private static BigInteger bondReturned(
      FlexibilityCoordinator c, BigInteger bond, long awardedW, BigInteger grace, long deliveredWh)
      throws Exception {
    return c.bondReturned(
            bond,
            BigInteger.valueOf(awardedW),
            BigInteger.valueOf(DURATION),
            grace,
            BigInteger.valueOf(deliveredWh))
        .send();
  }

  @Test
  void afterTheSettlementDeadlineTheUnpaidEscrowReturnsAndSettlingIsClosed() throws Exception {
    Cleared auction = clearedAuction();
    BigInteger id = auction.id();
    BigInteger clearingPrice = request(id).clearingPrice;
    BigInteger payA = payment(6_000, DURATION, clearingPrice, 6_000);
    coordinator(settler).settleAward(id, a.getAddress(), BigInteger.valueOf(6_000)).send();
    chain.assertReverts(() -> coordinator(outsider).releaseEscrow(id).send(), "SettlementOpen");

    long deadline = t.end() + SETTLEMENT_PERIOD;
    assertThat(coordinator(a).settlementDeadline(id).send().longValue()).isEqualTo(deadline);
    market.warpTo(deadline);

    chain.assertReverts(
        () -> coordinator(settler).settleAward(id, b.getAddress(), BigInteger.ONE).send(),
        "SettlementClosed");
    // Anyone closes b's unsettled award: its whole bond is forfeited. Settlement closing it at 0
    // afterwards (a fraud proven late) changes nothing and does not revert.
    BigInteger bondB = bond(4_000, DURATION);
    TransactionReceipt closed = coordinator(outsider).closeUnsettled(id, b.getAddress()).send();
    assertThat(FlexibilityCoordinator.getAwardClosedUnsettledEvents(closed)).hasSize(1);
    assertThat(FlexibilityCoordinator.getBondForfeitedEvents(closed).get(0).amount)
        .isEqualTo(bondB);
    assertThat(bid(id, b).bond).isZero();
    BigInteger owedB = owed(b);
    TransactionReceipt again =
        coordinator(settler).settleAward(id, b.getAddress(), BigInteger.ZERO).send();
    assertThat(FlexibilityCoordinator.getAwardSettledEvents(again)).isEmpty();
    assertThat(owed(b)).isEqualTo(owedB);
    chain.assertReverts(
        () -> coordinator(settler).settleAward(id, b.getAddress(), BigInteger.ONE).send(),
        "AwardAlreadySettled");
    chain.assertReverts(
        () -> coordinator(outsider).closeUnsettled(id, a.getAddress()).send(),
        "AwardAlreadySettled");
    chain.assertReverts(
        () -> coordinator(outsider).closeUnsettled(id, c.getAddress()).send(), "NoAward");

    BigInteger reserved = request(id).escrow;
    TransactionReceipt receipt = coordinator(outsider).releaseEscrow(id).send();
    assertThat(FlexibilityCoordinator.getEscrowReleasedEvents(receipt).get(0).refund)
        .isEqualTo(reserved.subtract(payA));
    assertThat(owed(requester))
        .isEqualTo(
            auction
                .postedEscrow()
                .subtract(payA)
                .add(
                    bondB
                        .multiply(BigInteger.valueOf(SHARE_BPS))
                        .divide(BigInteger.valueOf(10_000))));
  }

  @Test
  void anOpenRequestCanNeitherBeSettledNorReleased() throws Exception {
    BigInteger id = post(10_000);

    chain.assertReverts(
        () -> coordinator(settler).settleAward(id, a.getAddress(), BigInteger.ONE).send(),
        "NotOpen");
    chain.assertReverts(() -> coordinator(outsider).releaseEscrow(id).send(), "NotOpen");
  }

  @Test
  void aRequestThatWasNeverPostedIsUnknown() throws Exception {
    BigInteger unknown = BigInteger.valueOf(99);

    var error = chain.assertReverts(() -> commit(seal(a, unknown, 1, price(1))), "UnknownRequest");
    assertThat(error.arguments()).containsExactly("99");
    chain.assertReverts(() -> clear(unknown), "UnknownRequest");
  }

  // ------------------------------------------------------------ governance

  @Test
  void newParametersApplyToRequestsPostedAfterTheChangeOnly() throws Exception {
    BigInteger newDeposit = DEPOSIT.multiply(BigInteger.valueOf(3));
    MarketParameters changed =
        new MarketParameters(
            newDeposit, BOND_PER_KWH.multiply(BigInteger.TWO), 86_400, 2_000, 120, 120, 30);
    chain.assertReverts(
        () -> coordinator(a).setParameters(changed.toContract()).send(),
        "AccessControlUnauthorizedAccount");
    BigInteger before = post(10_000);
    TransactionReceipt receipt =
        coordinator(chain.admin()).setParameters(changed.toContract()).send();
    assertThat(FlexibilityCoordinator.getParametersChangedEvents(receipt)).hasSize(1);
    Timing old = t;
    // The new minimum windows are two minutes.
    long now = market.now();
    t = new Timing(now + 200, now + 400, now + 500, DURATION);
    BigInteger after = market.post(requester, Market.ZONE, Direction.UP, 10_000, CAP, t);

    BigInteger start = balance(a.getAddress());
    commit(seal(a, before, 1_000, price(10)));
    assertThat(start.subtract(balance(a.getAddress()))).isEqualTo(DEPOSIT);
    commit(seal(a, after, 1_000, price(10)));
    assertThat(start.subtract(balance(a.getAddress()))).isEqualTo(DEPOSIT.add(newDeposit));
    FlexibilityCoordinator.Request r = request(before);
    assertThat(r.bidDeposit).isEqualTo(DEPOSIT);
    assertThat(r.bondPerKWh).isEqualTo(BOND_PER_KWH);
    assertThat(r.requesterShareBps.intValue()).isEqualTo(SHARE_BPS);
    assertThat(coordinator(a).settlementDeadline(before).send().longValue())
        .isEqualTo(old.end() + SETTLEMENT_PERIOD);
    FlexibilityCoordinator.Request r2 = request(after);
    assertThat(r2.bidDeposit).isEqualTo(newDeposit);
    assertThat(r2.bondPerKWh).isEqualTo(BOND_PER_KWH.multiply(BigInteger.TWO));
    assertThat(r2.requesterShareBps.intValue()).isEqualTo(2_000);
    assertThat(r2.settlementPeriod.longValue()).isEqualTo(86_400);
    assertThat(r.deliveryGraceSeconds.longValue())
        .isEqualTo(MarketParameters.DEFAULT_DELIVERY_GRACE_SECONDS);
    assertThat(r2.deliveryGraceSeconds.longValue()).isEqualTo(30);
  }

  @Test
  void parametersOutsideTheirBoundsAreRefused() throws Exception {
    FlexibilityCoordinator governance = coordinator(chain.admin());
    MarketParameters ok = MarketParameters.defaults();
    BigInteger bps = BigInteger.valueOf(SHARE_BPS);
    BigInteger sixty = BigInteger.valueOf(60);
    BigInteger period = BigInteger.valueOf(SETTLEMENT_PERIOD);
    BigInteger grace = BigInteger.valueOf(ok.deliveryGraceSeconds());
    List<FlexibilityCoordinator.Parameters> bad =
        List.of(
            new FlexibilityCoordinator.Parameters(
                DEPOSIT,
                BOND_PER_KWH,
                BigInteger.valueOf(30 * 86_400 + 1),
                bps,
                sixty,
                sixty,
                grace),
            new FlexibilityCoordinator.Parameters(
                DEPOSIT, BOND_PER_KWH, BigInteger.ZERO, bps, sixty, sixty, grace),
            new FlexibilityCoordinator.Parameters(
                DEPOSIT, BOND_PER_KWH, period, BigInteger.valueOf(10_001), sixty, sixty, grace),
            new FlexibilityCoordinator.Parameters(
                DEPOSIT, BOND_PER_KWH, period, bps, BigInteger.ZERO, sixty, grace),
            new FlexibilityCoordinator.Parameters(
                DEPOSIT, BOND_PER_KWH, period, bps, sixty, BigInteger.ZERO, grace),
            new FlexibilityCoordinator.Parameters(
                DEPOSIT, BigInteger.TWO.pow(96), period, bps, sixty, sixty, grace),
            new FlexibilityCoordinator.Parameters(
                DEPOSIT, BOND_PER_KWH, period, bps, sixty, sixty, BigInteger.valueOf(15 * 60 + 1)));
    List<String> names =
        List.of(
            "settlementPeriod",
            "settlementPeriod",
            "requesterShareBps",
            "minBidWindow",
            "minRevealWindow",
            "bondPerKWh",
            "deliveryGraceSeconds");
    for (int i = 0; i < bad.size(); i++) {
      FlexibilityCoordinator.Parameters p = bad.get(i);
      var error = chain.assertReverts(() -> governance.setParameters(p).send(), "InvalidParameter");
      assertThat(error.arguments().get(0)).isEqualTo(names.get(i));
    }
    assertThat(governance.parameters().send().settlementPeriod.longValue())
        .isEqualTo(ok.settlementPeriodSeconds());
    chain.assertReverts(
        () -> coordinator(a).setTreasury(a.getAddress()).send(),
        "AccessControlUnauthorizedAccount");
    governance.setTreasury(outsider.getAddress()).send();
    assertThat(governance.treasury().send()).isEqualToIgnoringCase(outsider.getAddress());
  }

  // -------------------------------------------------------------- withdraw

  @Test
  void withdrawPaysWhatIsOwedOnce() throws Exception {
    BigInteger id = post(10_000);
    SealedBid sealed = seal(a, id, 4_000, price(30));
    commit(sealed);
    market.warpTo(t.bidDeadline());
    reveal(sealed);
    BigInteger before = balance(a.getAddress());

    TransactionReceipt receipt = coordinator(a).withdraw().send();

    var event = FlexibilityCoordinator.getWithdrawnEvents(receipt).get(0);
    assertThat(event.account).isEqualToIgnoringCase(a.getAddress());
    assertThat(event.amount).isEqualTo(DEPOSIT);
    assertThat(balance(a.getAddress())).isEqualTo(before.add(DEPOSIT));
    assertThat(owed(a)).isZero();
    chain.assertReverts(() -> coordinator(a).withdraw().send(), "NothingToWithdraw");
  }

  // --------------------------------------------------------------- helpers

  /** A cleared auction of 10 kW for an hour: a 6 kW and b 4 of its 6 kW win, c loses. */
  private record Cleared(BigInteger id, BigInteger postedEscrow, BigInteger expectedPrice) {}

  private Cleared clearedAuction() throws Exception {
    BigInteger id = post(10_000);
    BigInteger escrow = request(id).escrow;
    // Prices a few wei off round numbers, so payments have to be rounded.
    BigInteger priceB = price(25).add(BigInteger.valueOf(3));
    auction(
        id,
        List.of(
            seal(a, id, 6_000, price(20).add(BigInteger.valueOf(7))),
            seal(b, id, 6_000, priceB),
            seal(c, id, 3_000, price(40))));
    return new Cleared(id, escrow, priceB);
  }

  /** Posts a request for {@code powerW} at the cap {@link #CAP} for {@link #DURATION}. */
  private BigInteger post(long powerW) throws Exception {
    t = market.timing(DURATION);
    return market.post(requester, Market.ZONE, Direction.UP, powerW, CAP, t);
  }

  /** Commits, reveals in commit order, and clears. */
  private TransactionReceipt auction(BigInteger id, List<SealedBid> bids) throws Exception {
    return auction(id, bids, bids);
  }

  private TransactionReceipt auction(
      BigInteger id, List<SealedBid> commitOrder, List<SealedBid> revealOrder) throws Exception {
    for (SealedBid bid : commitOrder) {
      commit(bid);
    }
    market.warpTo(t.bidDeadline());
    for (SealedBid bid : revealOrder) {
      reveal(bid);
    }
    market.warpTo(t.revealDeadline());
    return clear(id);
  }

  private static SealedBid seal(Credentials node, BigInteger id, long powerW, BigInteger price) {
    byte[] salt = new byte[32];
    RANDOM.nextBytes(salt);
    return new SealedBid(node, id, powerW, price, salt);
  }

  private TransactionReceipt commit(SealedBid bid) throws Exception {
    return coordinator(bid.node()).commitBid(bid.requestId(), bid.commitment()).send();
  }

  private TransactionReceipt reveal(SealedBid bid) throws Exception {
    return coordinator(bid.node())
        .revealBid(bid.requestId(), BigInteger.valueOf(bid.powerW()), bid.pricePerKWh(), bid.salt())
        .send();
  }

  /** Anyone may clear: the outsider does, with the merit order read from the chain. */
  private TransactionReceipt clear(BigInteger id) throws Exception {
    return coordinator(outsider).clear(id, ClearingOrder.of(coordinator(outsider), id)).send();
  }

  /**
   * The bond returned for {@code deliveredWh} of an award of {@code awardedW} for {@link
   * #DURATION}: delivery plus awardedW × the default grace, capped at the award, in proportion,
   * rounded down; nothing for a delivery of 0.
   */
  private static BigInteger bondBack(BigInteger bond, long awardedW, long deliveredWh) {
    if (deliveredWh == 0) {
      return BigInteger.ZERO;
    }
    long awardedWs = awardedW * DURATION;
    long creditedWs = Math.min(awardedWs, deliveredWh * 3_600 + awardedW * GRACE_S);
    return bond.multiply(BigInteger.valueOf(creditedWs)).divide(BigInteger.valueOf(awardedWs));
  }

  /** The bond rule: offered energy × rate, rounded up (the escrow rule with the bond rate). */
  private static BigInteger bond(long powerW, long duration) {
    return maxCost(powerW, duration, BOND_PER_KWH);
  }

  private static Offer offer(SealedBid bid, int commitIndex) {
    return new Offer(
        bid.node().getAddress().toLowerCase(Locale.ROOT),
        bid.powerW(),
        bid.pricePerKWh(),
        commitIndex);
  }

  private static List<String> awardedEvents(TransactionReceipt receipt) {
    return FlexibilityCoordinator.getAwardedEvents(receipt).stream()
        .map(e -> e.node.toLowerCase(Locale.ROOT) + " " + e.powerW + " @" + e.clearingPrice)
        .toList();
  }

  /** Runs a transaction that must succeed, naming the decoded error if it reverts. */
  private <T> T succeeds(String what, Callable<T> call) throws Exception {
    try {
      return call.call();
    } catch (TransactionException e) {
      throw new AssertionError(
          what
              + " reverted with "
              + RevertReasons.of(chain.anvil().web3j(), e).map(Object::toString).orElse("?"),
          e);
    }
  }

  private void assertInvalid(FlexibilityCoordinator.RequestParams p, String reason) {
    var error =
        chain.assertReverts(() -> coordinator(requester).postRequest(p).send(), "InvalidRequest");
    assertThat(error.arguments()).containsExactly(reason);
  }

  private static FlexibilityCoordinator.RequestParams params(
      byte[] zone, Direction direction, long powerW, BigInteger maxPrice, Timing timing) {
    return new FlexibilityCoordinator.RequestParams(
        zone,
        BigInteger.valueOf(direction.ordinal()),
        BigInteger.valueOf(powerW),
        BigInteger.valueOf(timing.start()),
        BigInteger.valueOf(timing.duration()),
        maxPrice,
        BigInteger.valueOf(timing.bidDeadline()),
        BigInteger.valueOf(timing.revealDeadline()));
  }

  private static Timing withDuration(Timing timing, long duration) {
    return new Timing(timing.bidDeadline(), timing.revealDeadline(), timing.start(), duration);
  }

  /** The escrow rule: power × time × price in FLEX wei, rounded up. */
  private static BigInteger maxCost(long powerW, long duration, BigInteger price) {
    BigInteger product = BigInteger.valueOf(powerW).multiply(BigInteger.valueOf(duration));
    return product.multiply(price).add(WS_PER_KWH).subtract(BigInteger.ONE).divide(WS_PER_KWH);
  }

  /** The payment rule: delivered energy capped at the awarded energy, times price, rounded down. */
  private static BigInteger payment(
      long awardedW, long duration, BigInteger price, long deliveredWh) {
    long ws = Math.min(deliveredWh * 3_600, awardedW * duration);
    return BigInteger.valueOf(ws).multiply(price).divide(WS_PER_KWH);
  }

  private static BigInteger price(long cents) {
    return CENT.multiply(BigInteger.valueOf(cents));
  }

  private static String lower(Credentials account) {
    return account.getAddress().toLowerCase(Locale.ROOT);
  }

  private FlexibilityCoordinator coordinator(Credentials as) {
    return chain.coordinator(as);
  }

  private FlexibilityCoordinator.Request request(BigInteger id) throws Exception {
    return coordinator(chain.admin()).getRequest(id).send();
  }

  private FlexibilityCoordinator.Bid bid(BigInteger id, Credentials node) throws Exception {
    return coordinator(chain.admin()).getBid(id, node.getAddress()).send();
  }

  private long awardedW(BigInteger id, Credentials node) throws Exception {
    return bid(id, node).awardedW.longValueExact();
  }

  private BigInteger owed(Credentials account) throws Exception {
    return coordinator(chain.admin()).owed(account.getAddress()).send();
  }

  @SuppressWarnings("unchecked")
  private List<String> revealedBidders(BigInteger id) throws Exception {
    List<Object> raw = coordinator(chain.admin()).revealedBidders(id).send();
    return raw.stream().map(o -> o.toString().toLowerCase(Locale.ROOT)).toList();
  }

  private BigInteger balance(String address) throws Exception {
    return chain.token(chain.admin()).balanceOf(address).send();
  }
}
