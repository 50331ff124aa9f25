package org.openvpp.contracts.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

/**
 * The attacks of issue 10 on FlexibilityCoordinator, each played by the accounts the issue
 * describes on a real Anvil: a node winning at price 0 without delivering, sybils filling the bid
 * slots, a requester trapping deposits with a one-second reveal window, governance stretching the
 * settlement period, the admin paying itself escrow, and a request starting at the end of time.
 * Each test first ran as the working exploit against the old contract (commit history) and now
 * proves the defence: the decoded error and the balances nobody could move.
 */
@ExtendWith(AnvilExtension.class)
class CoordinatorAttacksIT {
  private static final BigInteger FLEX = ChainFixture.FLEX;
  private static final BigInteger DEPOSIT = MarketParameters.defaults().bidDeposit();
  private static final long MIN_STAKE_FLEX =
      DeploymentParameters.defaults().minimumStake().divide(FLEX).longValueExact();
  private static final BigInteger CAP = FLEX.divide(BigInteger.TWO);
  private static final long DURATION = 3_600;
  private static final BigInteger UINT64_MAX = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
  private static final BigInteger BOND_PER_KWH = MarketParameters.defaults().bondPerKWh();
  private static final int SHARE_BPS = MarketParameters.defaults().requesterShareBps();
  private static final BigInteger BPS = BigInteger.valueOf(10_000);

  private ChainFixture chain;
  private Market market;
  private Credentials requester;
  private Credentials attacker;
  private Credentials honest;
  private String coordinatorAddress;

  @BeforeEach
  void deploy(Anvil anvil) throws Exception {
    chain = new ChainFixture(anvil);
    market = new Market(chain);
    coordinatorAddress = chain.deployment().coordinator();
    requester = chain.account(1);
    attacker = chain.account(2);
    honest = chain.account(3);
    market.registerNode(attacker, Market.ZONE, MIN_STAKE_FLEX);
    market.registerNode(honest, Market.ZONE, MIN_STAKE_FLEX);
  }

  @Test
  void aNodeThatWinsTheWholeRequestAtPriceZeroAndNeverDeliversForfeitsItsBond() throws Exception {
    BigInteger before = balance(attacker.getAddress());
    BigInteger requesterBefore = owed(requester);
    BigInteger treasuryBefore = owed(chain.admin());
    Timing t = market.timing(DURATION);
    BigInteger id = market.post(requester, Market.ZONE, Direction.UP, 10_000, CAP, t);
    // The attacker undercuts everyone at price 0 for the whole request and wins it all.
    market.auction(
        t,
        List.of(
            new Market.SealedBidSpec(attacker, 10_000, BigInteger.ZERO),
            new Market.SealedBidSpec(honest, 10_000, CAP.divide(BigInteger.TEN))),
        id);
    assertThat(coordinator(attacker).getBid(id, attacker.getAddress()).send().awardedW.longValue())
        .isEqualTo(10_000);
    // 10 kW for an hour is 10 kWh: the bond is 10 × the rate, locked since the reveal.
    BigInteger bond = BOND_PER_KWH.multiply(BigInteger.TEN);
    assertThat(coordinator(attacker).getBid(id, attacker.getAddress()).send().bond).isEqualTo(bond);
    // It never delivers; nobody settles the award and the settlement deadline passes.
    long deadline = coordinator(attacker).settlementDeadline(id).send().longValueExact();
    chain.assertReverts(
        () -> coordinator(requester).closeUnsettled(id, attacker.getAddress()).send(),
        "SettlementOpen");
    market.warpTo(deadline);
    var receipt = coordinator(requester).closeUnsettled(id, attacker.getAddress()).send();
    coordinator(requester).releaseEscrow(id).send();
    coordinator(attacker).withdraw().send();

    var forfeit = FlexibilityCoordinator.getBondForfeitedEvents(receipt).get(0);
    BigInteger toRequester = bond.multiply(BigInteger.valueOf(SHARE_BPS)).divide(BPS);
    assertThat(forfeit.amount).isEqualTo(bond);
    assertThat(forfeit.toRequester).isEqualTo(toRequester);
    assertThat(forfeit.toTreasury).isEqualTo(bond.subtract(toRequester));
    assertThat(balance(attacker.getAddress()))
        .as("the attacker lost its whole bond")
        .isEqualTo(before.subtract(bond));
    assertThat(owed(chain.admin()).subtract(treasuryBefore)).isEqualTo(bond.subtract(toRequester));
    assertThat(owed(requester).subtract(requesterBefore))
        .as("the whole escrow back and its share of the bond")
        .isEqualTo(
            coordinator(requester)
                .maxCost(BigInteger.valueOf(10_000), BigInteger.valueOf(DURATION), CAP)
                .send()
                .add(toRequester));
    chain.assertReverts(
        () -> coordinator(requester).closeUnsettled(id, attacker.getAddress()).send(),
        "AwardAlreadySettled");
  }

  @Test
  void sybilsFillingSixtyFourSlotsRightAfterPostingNoLongerLockOutTheHonestNode() throws Exception {
    Timing t = market.timing(DURATION);
    BigInteger id = market.post(requester, Market.ZONE, Direction.UP, 10_000, CAP, t);
    List<Credentials> sybils = new ArrayList<>(List.of(attacker));
    while (sybils.size() < 64) {
      Credentials sybil = market.fundedAccount();
      market.registerNode(sybil, Market.ZONE, MIN_STAKE_FLEX);
      sybils.add(sybil);
    }
    for (Credentials sybil : sybils) {
      market.commit(sybil, id, 10_000, CAP);
    }

    SealedBid bid = market.commit(honest, id, 10_000, BigInteger.ONE);
    assertThat(coordinator(honest).getBid(id, honest.getAddress()).send().commitIndex.intValue())
        .isEqualTo(64);
    // The sybils never reveal; the honest node does and wins the whole request.
    market.warpTo(t.bidDeadline());
    market.reveal(bid);
    market.warpTo(t.revealDeadline());
    market.clear(id);
    assertThat(coordinator(honest).getBid(id, honest.getAddress()).send().awardedW.longValue())
        .isEqualTo(10_000);
  }

  @Test
  void aRevealWindowShorterThanTheMinimumCannotBePosted() throws Exception {
    BigInteger countBefore = coordinator(requester).requestCount().send();
    long minReveal = MarketParameters.defaults().minRevealWindowSeconds();
    long minBid = MarketParameters.defaults().minBidWindowSeconds();
    chain.mint(requester.getAddress(), 1_000_000);
    chain.token(requester).approve(coordinatorAddress, FLEX.pow(2)).send();
    long now = market.now();

    assertThat(postReverts(new Timing(now + 100, now + 101, now + 300, DURATION)))
        .containsExactly("reveal window too short");
    assertThat(postReverts(new Timing(now + 100, now + 100 + minReveal - 1, now + 300, DURATION)))
        .containsExactly("reveal window too short");
    // The bid window counts from the posting block.
    assertThat(postReverts(new Timing(now + minBid / 2, now + 200, now + 300, DURATION)))
        .containsExactly("bid window too short");
    assertThat(coordinator(requester).requestCount().send()).isEqualTo(countBefore);

    // The minimum windows are fine (the reveal window exactly), and both nodes reveal in time.
    long bidDeadline = market.now() + minBid + 10;
    Timing fair =
        new Timing(bidDeadline, bidDeadline + minReveal, bidDeadline + minReveal, DURATION);
    BigInteger id = market.post(requester, Market.ZONE, Direction.UP, 10_000, CAP, fair);
    SealedBid a = market.commit(attacker, id, 5_000, CAP);
    SealedBid h = market.commit(honest, id, 5_000, CAP);
    market.warpTo(fair.bidDeadline() + 1);
    market.reveal(a);
    market.reveal(h);
    assertThat(coordinator(requester).getRequest(id).send().reveals.intValue()).isEqualTo(2);
  }

  @Test
  void governanceCannotStretchTheSettlementPeriodNorChangeItForAnOpenRequest() throws Exception {
    Timing t = market.timing(DURATION);
    BigInteger id = market.post(requester, Market.ZONE, Direction.UP, 10_000, CAP, t);
    market.auction(t, List.of(new Market.SealedBidSpec(honest, 10_000, CAP)), id);
    long period = MarketParameters.defaults().settlementPeriodSeconds();
    FlexibilityCoordinator governance = coordinator(chain.admin());

    var tooLong =
        chain.assertReverts(
            () ->
                chain.govern(
                    governance,
                    c ->
                        c.setParameters(
                            new FlexibilityCoordinator.Parameters(
                                DEPOSIT,
                                BOND_PER_KWH,
                                UINT64_MAX.subtract(BigInteger.TEN),
                                BigInteger.valueOf(SHARE_BPS),
                                BigInteger.valueOf(60),
                                BigInteger.valueOf(60),
                                BigInteger.ZERO))),
            "InvalidParameter");
    assertThat(tooLong.arguments().get(0)).isEqualTo("settlementPeriod");
    // The longest allowed period applies to requests posted later only.
    chain.govern(
        governance,
        c ->
            c.setParameters(
                MarketParameters.defaults()
                    .withSettlementPeriodSeconds(MarketParameters.MAX_SETTLEMENT_PERIOD_SECONDS)
                    .toContract()));
    assertThat(coordinator(requester).settlementDeadline(id).send().longValueExact())
        .isEqualTo(t.end() + period);
    market.warpTo(t.end() + period);

    BigInteger owedBefore = owed(requester);
    coordinator(requester).releaseEscrow(id).send();
    assertThat(owed(requester))
        .as("the escrow is released at the deadline the request was posted with")
        .isGreaterThan(owedBefore);
  }

  @Test
  void theAdminCanNoLongerGiveItselfTheRightToPayOutEscrow() throws Exception {
    Timing t = market.timing(DURATION);
    BigInteger id = market.post(requester, Market.ZONE, Direction.UP, 10_000, CAP, t);
    market.auction(t, List.of(new Market.SealedBidSpec(honest, 10_000, CAP)), id);
    Credentials admin = chain.admin();
    BigInteger before = balance(admin.getAddress());
    BigInteger held = balance(coordinatorAddress);

    // Governance (the timelock, after its delay) can grant the old role name (any bytes32 is a
    // role), but it confers nothing.
    chain.govern(coordinator(admin), c -> c.grantRole(settlementRole(), admin.getAddress()));
    var error =
        chain.assertReverts(
            () ->
                coordinator(admin)
                    .settleAward(id, honest.getAddress(), BigInteger.valueOf(10_000))
                    .send(),
            "NotSettlement");
    assertThat(error.arguments().get(0)).isEqualToIgnoringCase(admin.getAddress());
    // Nor can governance point the coordinator at the admin: the settlement is set once.
    var again =
        chain.assertReverts(
            () -> chain.govern(coordinator(admin), c -> c.setSettlement(admin.getAddress())),
            "SettlementAlreadySet");
    assertThat(again.arguments().get(0)).isEqualToIgnoringCase(chain.deployment().settlement());

    assertThat(balance(admin.getAddress())).isEqualTo(before);
    assertThat(balance(coordinatorAddress)).isEqualTo(held);
  }

  @Test
  void aRequestStartingBeyondTheMaximumLeadTimeIsRefused() throws Exception {
    chain.mint(requester.getAddress(), 1_000_000);
    chain.token(requester).approve(coordinatorAddress, FLEX.pow(2)).send();
    long maxLead = coordinator(requester).MAX_LEAD_TIME().send().longValueExact();
    long now = market.now();

    assertThat(
            postReverts(
                new Timing(
                    now + 100,
                    now + 200,
                    UINT64_MAX.subtract(BigInteger.valueOf(DURATION)).longValue(),
                    DURATION)))
        .containsExactly("start too far ahead");
    assertThat(postReverts(new Timing(now + 100, now + 200, now + maxLead + 1_000, DURATION)))
        .containsExactly("start too far ahead");

    // A start at the limit still has a deadline that fits.
    long start = market.now() + maxLead;
    BigInteger id =
        market.post(
            requester,
            Market.ZONE,
            Direction.UP,
            10_000,
            CAP,
            new Timing(start - 200, start - 100, start, DURATION));
    assertThat(coordinator(requester).settlementDeadline(id).send().longValueExact())
        .isEqualTo(start + DURATION + MarketParameters.defaults().settlementPeriodSeconds());
  }

  private List<String> postReverts(Timing timing) {
    return chain
        .assertReverts(
            () ->
                coordinator(requester)
                    .postRequest(
                        new FlexibilityCoordinator.RequestParams(
                            Market.ZONE,
                            BigInteger.ZERO,
                            BigInteger.valueOf(10_000),
                            new BigInteger(Long.toUnsignedString(timing.start())),
                            BigInteger.valueOf(timing.duration()),
                            CAP,
                            BigInteger.valueOf(timing.bidDeadline()),
                            BigInteger.valueOf(timing.revealDeadline())))
                    .send(),
            "InvalidRequest")
        .arguments();
  }

  private BigInteger owed(Credentials account) throws Exception {
    return coordinator(account).owed(account.getAddress()).send();
  }

  private static byte[] settlementRole() {
    return Hash.sha3("SETTLEMENT_ROLE".getBytes(StandardCharsets.UTF_8));
  }

  private FlexibilityCoordinator coordinator(Credentials as) {
    return chain.coordinator(as);
  }

  private BigInteger balance(String address) throws Exception {
    return chain.token(chain.admin()).balanceOf(address).send();
  }
}
