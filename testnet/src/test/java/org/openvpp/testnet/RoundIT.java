package org.openvpp.testnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.tx.RevertReasons;
import org.openvpp.testnet.round.MeterDevice;
import org.openvpp.testnet.round.RoundDriver;
import org.openvpp.testnet.round.RoundDriver.Offer;
import org.openvpp.testnet.round.RoundDriver.Settled;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * One whole flexibility round on a real chain, from the request to owners' claimed rewards, with
 * every balance checked against figures computed here from the round's inputs (not read back from
 * the contracts): the requester pays delivered energy only, attestors get their fee, owners get
 * exactly their ledger credit, and nothing is left behind in the contracts.
 */
class RoundIT {
  private static final BigInteger FLEX = DeploymentParameters.FLEX;
  private static final byte[] ZONE = Hash.sha3("zone-round".getBytes(StandardCharsets.UTF_8));
  private static final long RATED_W = 5_000;
  private static final long DURATION_S = 900;
  private static final long WS_PER_KWH = 3_600_000;

  @Test
  @Timeout(300)
  void requestToClaimedRewardOnARealChain() throws Exception {
    try (LocalTestnet net =
        LocalTestnet.start(TestnetConfig.forTests(), LocalTestnet.ProgressListener.silent())) {
      RoundDriver d =
          new RoundDriver(net.chain(), net.deployment(), net.account(TestnetAccounts.ADMIN));
      var settlementParams = d.settlement(d.admin()).params().send();
      long feeBps = settlementParams.attestorFeeBps.longValueExact();

      // Owners: the testnet's owner account and a second, fresh one.
      Credentials alice = net.account(TestnetAccounts.OWNER);
      Credentials bob = d.newAccount(1);

      // The admitted OEM certifies three home batteries; each owner binds with the device's key.
      Credentials oem = net.account(TestnetAccounts.OEM);
      long model = TestDevices.batteryModel(net, oem, RATED_W);
      MeterDevice a1 = TestDevices.certifyAndBind(net, oem, model, RATED_W, alice);
      MeterDevice a2 = TestDevices.certifyAndBind(net, oem, model, RATED_W, bob);
      MeterDevice b1 = TestDevices.certifyAndBind(net, oem, model, RATED_W, alice);

      // Five staked nodes in the zone.
      List<Credentials> nodes = new ArrayList<>();
      for (int i = 5; i <= 9; i++) {
        Credentials node = net.chain().credentials(i);
        d.registerNode(node, ZONE, FLEX.multiply(BigInteger.valueOf(2_000)));
        nodes.add(node);
      }
      Credentials nodeA = nodes.get(0);
      Credentials nodeB = nodes.get(1);
      Credentials nodeC = nodes.get(2);
      // Each owner assigns its devices to the node that will report them (only that node's
      // evidence counts for them).
      d.assignNode(alice, a1, nodeA);
      d.assignNode(bob, a2, nodeA);
      d.assignNode(alice, b1, nodeB);
      DeviceRegistry registry = d.devices(d.admin());
      assertThat(registry.managedDevices(nodeA.getAddress()).send().longValueExact()).isEqualTo(2);
      assertThat(registry.managedDevices(nodeB.getAddress()).send().longValueExact()).isEqualTo(1);

      // The requester asks for 10 kW up for 15 minutes at most 0.5 FLEX/kWh.
      Credentials requester = net.account(TestnetAccounts.REQUESTER);
      BigInteger requesterStart = d.balance(requester.getAddress());
      BigInteger cap = FLEX.divide(BigInteger.TWO);
      RoundDriver.Request r = d.post(requester, ZONE, Direction.UP, 10_000, DURATION_S, cap);
      BigInteger escrow =
          ceilDiv(BigInteger.valueOf(10_000 * DURATION_S).multiply(cap), WS_PER_KWH);
      assertThat(r.escrow()).isEqualTo(escrow);
      assertThat(d.balance(requester.getAddress())).isEqualTo(requesterStart.subtract(escrow));

      // Three sealed bids; C asks most and loses, B's award is partial (4 of its 6 kW).
      Map<String, BigInteger> nodeStart = new HashMap<>();
      for (Credentials n : nodes) {
        nodeStart.put(n.getAddress(), d.balance(n.getAddress()));
      }
      BigInteger priceA = FLEX.divide(BigInteger.TEN);
      BigInteger priceB = FLEX.multiply(BigInteger.valueOf(15)).divide(BigInteger.valueOf(100));
      BigInteger priceC = FLEX.multiply(BigInteger.valueOf(3)).divide(BigInteger.TEN);
      d.auction(
          r,
          List.of(
              new Offer(nodeC, 6_000, priceC),
              new Offer(nodeB, 6_000, priceB),
              new Offer(nodeA, 6_000, priceA)));
      FlexibilityCoordinator coordinator = d.coordinator(d.admin());
      assertThat(coordinator.getAward(r.id(), nodeA.getAddress()).send().awardedW).isEqualTo(6_000);
      assertThat(coordinator.getAward(r.id(), nodeB.getAddress()).send().awardedW).isEqualTo(4_000);
      assertThat(coordinator.getAward(r.id(), nodeC.getAddress()).send().awardedW).isZero();
      BigInteger price = coordinator.getRequest(r.id()).send().clearingPrice;
      assertThat(price).isEqualTo(priceB); // uniform: the last accepted offer's price

      // Delivery: A's two batteries export 800 + 900 Wh (more than its 1,500 Wh award, so
      // capped); B's one battery exports 600 of its 1,000 Wh (paid in proportion). Each also
      // exported a 50 Wh baseline it would have exported anyway.
      var windowsA = d.meterWindow(r, List.of(a1, a2), new long[] {800, 900}, 50);
      var windowsB = d.meterWindow(r, List.of(b1), new long[] {600}, 50);
      Settled settledA = d.settle(nodeA, r, windowsA);
      Settled settledB = d.settle(nodeB, r, windowsB);

      BigInteger payA = pay(Math.min(1_700 * 3_600, 6_000 * DURATION_S), price);
      BigInteger payB = pay(Math.min(600 * 3_600, 4_000 * DURATION_S), price);
      assertThat(settledA.submitted().batch().payment()).isEqualTo(payA);
      assertThat(settledB.submitted().batch().payment()).isEqualTo(payB);
      assertThat(payB)
          .isEqualTo(
              pay(4_000 * DURATION_S, price)
                  .multiply(BigInteger.valueOf(600))
                  .divide(BigInteger.valueOf(1_000)));

      // Bonds: B keeps the bond of its 4 kW award after clearing and gets back the delivered
      // fraction (600 of 1,000 Wh, plus the delivery grace of 4 kW × deliveryGraceSeconds); the
      // rest is forfeited, a share to the requester, the remainder to the treasury (the deployer
      // here).
      BigInteger bondB =
          ceilDiv(
              BigInteger.valueOf(4_000 * DURATION_S)
                  .multiply(net.deployment().parameter("bondPerKWh")),
              WS_PER_KWH);
      BigInteger returnedB =
          bondB
              .multiply(
                  BigInteger.valueOf(
                      Math.min(
                          600 * 3_600
                              + 4_000
                                  * net.deployment()
                                      .parameter("deliveryGraceSeconds")
                                      .longValueExact(),
                          4_000 * DURATION_S)))
              .divide(BigInteger.valueOf(4_000 * DURATION_S));
      BigInteger forfeitedB = bondB.subtract(returnedB);
      assertThat(forfeitedB).isPositive();
      BigInteger toRequester =
          forfeitedB
              .multiply(net.deployment().parameter("requesterShareBps"))
              .divide(BigInteger.valueOf(10_000));

      // The rest of the escrow goes back to the requester once both awards are settled.
      coordinator.releaseEscrow(r.id()).send();
      d.coordinator(requester).withdraw().send();
      assertThat(d.balance(requester.getAddress()))
          .as("requester pays delivered energy only, and gains its share of B's forfeit")
          .isEqualTo(requesterStart.subtract(payA).subtract(payB).add(toRequester));
      d.coordinator(d.admin()).withdraw().send(); // the treasury's share

      // Every bidder gets its deposit back (revealed bids) and its bond for what it delivered:
      // A and C end where they started, B short of the forfeited part of its bond.
      for (Credentials n : List.of(nodeA, nodeB, nodeC)) {
        d.coordinator(n).withdraw().send();
        BigInteger forfeited = n.equals(nodeB) ? forfeitedB : BigInteger.ZERO;
        assertThat(d.balance(n.getAddress()))
            .as("deposit and bond back to %s", n.getAddress())
            .isEqualTo(nodeStart.get(n.getAddress()).subtract(forfeited));
      }

      // Attestor fees: feeBps of each payment split among its signers, the dust to the first.
      Map<String, BigInteger> expectedFees = new HashMap<>();
      addFees(
          expectedFees,
          settledA,
          payA.multiply(BigInteger.valueOf(feeBps)).divide(BigInteger.valueOf(10_000)),
          d);
      addFees(
          expectedFees,
          settledB,
          payB.multiply(BigInteger.valueOf(feeBps)).divide(BigInteger.valueOf(10_000)),
          d);
      assertThat(expectedFees.values().stream().reduce(BigInteger.ZERO, BigInteger::add))
          .isPositive();
      for (Credentials n : nodes) {
        String who = n.getAddress().toLowerCase(Locale.ROOT);
        BigInteger expected = expectedFees.getOrDefault(who, BigInteger.ZERO);
        assertThat(d.settlement(n).fees(n.getAddress()).send())
            .as("fee of %s", who)
            .isEqualTo(expected);
        if (expected.signum() > 0) {
          BigInteger before = d.balance(n.getAddress());
          d.settlement(n).withdrawFees().send();
          assertThat(d.balance(n.getAddress())).isEqualTo(before.add(expected));
        }
      }

      // Owners' credits: the owner share split by delivered Wh, dust to the largest deliverer.
      BigInteger shareA =
          payA.subtract(
              payA.multiply(BigInteger.valueOf(feeBps)).divide(BigInteger.valueOf(10_000)));
      BigInteger shareB =
          payB.subtract(
              payB.multiply(BigInteger.valueOf(feeBps)).divide(BigInteger.valueOf(10_000)));
      BigInteger aliceFromA =
          shareA.multiply(BigInteger.valueOf(800)).divide(BigInteger.valueOf(1_700));
      BigInteger bobFromA = shareA.subtract(aliceFromA);
      assertThat(d.finalizedLedger(nodeA.getAddress()).cumulative())
          .containsOnly(
              Map.entry(alice.getAddress().toLowerCase(Locale.ROOT), aliceFromA),
              Map.entry(bob.getAddress().toLowerCase(Locale.ROOT), bobFromA));
      assertThat(d.finalizedLedger(nodeB.getAddress()).cumulative())
          .containsOnly(Map.entry(alice.getAddress().toLowerCase(Locale.ROOT), shareB));

      // Alice collects from both nodes in one transaction, Bob from node A.
      BigInteger aliceStart = d.balance(alice.getAddress());
      BigInteger bobStart = d.balance(bob.getAddress());
      d.claimMany(
          alice,
          List.of(
              d.ticket(nodeA.getAddress(), alice.getAddress()),
              d.ticket(nodeB.getAddress(), alice.getAddress())));
      d.claim(bob, d.ticket(nodeA.getAddress(), bob.getAddress()));
      assertThat(d.balance(alice.getAddress())).isEqualTo(aliceStart.add(aliceFromA).add(shareB));
      assertThat(d.balance(bob.getAddress())).isEqualTo(bobStart.add(bobFromA));

      // A second claim pays nothing more.
      assertReverts(
          d, () -> d.claim(bob, d.ticket(nodeA.getAddress(), bob.getAddress())), "NothingToClaim");
      assertThat(d.balance(bob.getAddress())).isEqualTo(bobStart.add(bobFromA));

      // Nothing is left in either contract: every wei came in and went out accounted for.
      assertThat(d.balance(net.deployment().settlement())).isZero();
      assertThat(d.balance(net.deployment().coordinator())).isZero();
    }
  }

  /** Payment for {@code ws} watt-seconds at {@code price} per kWh, rounded down. */
  private static BigInteger pay(long ws, BigInteger price) {
    return BigInteger.valueOf(ws).multiply(price).divide(BigInteger.valueOf(WS_PER_KWH));
  }

  private static BigInteger ceilDiv(BigInteger a, long b) {
    BigInteger[] qr = a.divideAndRemainder(BigInteger.valueOf(b));
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }

  private static void addFees(
      Map<String, BigInteger> fees, Settled s, BigInteger fee, RoundDriver d) throws Exception {
    List<String> signers = s.attestation().signers();
    assertThat(signers).hasSize(d.quorum(s.submitted()));
    BigInteger n = BigInteger.valueOf(signers.size());
    BigInteger each = fee.divide(n);
    for (String signer : signers) {
      fees.merge(signer.toLowerCase(Locale.ROOT), each, BigInteger::add);
    }
    fees.merge(
        signers.get(0).toLowerCase(Locale.ROOT), fee.subtract(each.multiply(n)), BigInteger::add);
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void assertReverts(RoundDriver d, Call call, String error) throws Exception {
    try {
      call.run();
    } catch (TransactionException e) {
      var decoded =
          RevertReasons.of(d.web3j(), e)
              .orElseThrow(() -> new AssertionError("undecodable revert", e));
      assertThat(decoded.name()).isEqualTo(error);
      return;
    }
    fail("expected revert " + error);
  }
}
