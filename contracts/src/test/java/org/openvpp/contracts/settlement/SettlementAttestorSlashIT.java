package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.contracts.settlement.SettlementWorld.ATTESTOR_SLASH;
import static org.openvpp.contracts.settlement.SettlementWorld.FRAUD_SLASH;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.openvpp.contracts.settlement.SettlementWorld.Posted;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.web3j.crypto.Credentials;

/**
 * The committee members who attest a root later proven fraudulent lose attestorSlash each; the
 * members who did not sign lose nothing, and the slash is divided like the node's.
 */
class SettlementAttestorSlashIT extends ChallengeTestBase {

  @Test
  void theAttestorsOfAFraudulentRootAreSlashedAndTheSlashIsDividedLikeTheNodes() throws Exception {
    Round r = won();
    // A delivery claimed one Wh above what the readings show: provable fraud.
    MeterReading a = SettlementWorld.firstReading(w.devices.get(1), r.window());
    MeterReading b =
        SettlementWorld.lastReading(w.devices.get(1), r.window(), MOVED_WH, Direction.UP);
    DeviceEvidence bad = w.leaf(w.devices.get(1), owner, a, b, 0, MOVED_WH + 1);
    Posted p = posted(r, List.of(w.honest(w.devices.get(0), owner, r.window(), 1_000), bad));
    List<String> signers = SettlementWorld.quorumOf(p.committee());
    List<String> silent =
        new ArrayList<>(p.committee().subList(signers.size(), p.committee().size()));
    w.record(p.id(), p.committee(), p.batch(), signers);

    Map<String, BigInteger> before = new HashMap<>();
    for (String m : p.committee()) before.put(m, w.stake(w.credentialsOf(m)));
    BigInteger nodeBefore = w.stake(node);
    BigInteger challengerBefore = w.balance(w.challenger.getAddress());
    BigInteger creditBefore = w.settlement().credits(w.requester.getAddress()).send();
    BigInteger heldBefore = held();

    var receipt =
        w.challenge(
            w.challenger, p.id(), p.batch().leaf(1), p.batch().proof(1), bad.first(), bad.last());

    var slashed = Settlement.getAttestorSlashedEvents(receipt);
    assertThat(slashed)
        .extracting(e -> e.attestor.toLowerCase())
        .containsExactlyInAnyOrderElementsOf(signers.stream().map(String::toLowerCase).toList());
    assertThat(slashed).allSatisfy(e -> assertThat(e.amount).isEqualTo(ATTESTOR_SLASH));
    for (String m : signers) {
      assertThat(w.stake(w.credentialsOf(m))).isEqualTo(before.get(m).subtract(ATTESTOR_SLASH));
    }
    // The slash closed the signers' obligations: they may leave once unbonded.
    for (String m : signers) {
      assertThat(obligations(m)).isZero();
    }
    for (String m : silent) {
      assertThat(w.stake(w.credentialsOf(m))).isEqualTo(before.get(m));
    }
    assertThat(w.stake(node)).isEqualTo(nodeBefore.subtract(FRAUD_SLASH));

    BigInteger total = FRAUD_SLASH.add(ATTESTOR_SLASH.multiply(BigInteger.valueOf(signers.size())));
    BigInteger share =
        total
            .multiply(BigInteger.valueOf(SettlementWorld.CHALLENGER_SHARE_BPS))
            .divide(BigInteger.valueOf(10_000));
    BigInteger rest = total.subtract(share);
    assertThat(w.balance(w.challenger.getAddress())).isEqualTo(challengerBefore.add(share));
    assertThat(w.settlement().credits(w.requester.getAddress()).send())
        .isEqualTo(creditBefore.add(rest));
    // Settlement and NodeRegistry together paid out only the challenger's share.
    assertThat(held()).isEqualTo(heldBefore.subtract(share));

    BigInteger requesterMid = w.balance(w.requester.getAddress());
    w.settlement(w.requester).withdrawCredits().send();
    assertThat(w.balance(w.requester.getAddress()))
        .isEqualTo(requesterMid.add(creditBefore).add(rest));
  }

  /**
   * An attestor of a fraudulent root sees trouble coming and unbonds all its stake before anyone
   * proves the fraud. Its withdrawal is refused, first by the unbonding delay and, once the delay
   * has passed, by the obligation its attestation opened; the proof then slashes the unbonding
   * balance, and only the rest can be withdrawn.
   */
  @Test
  void anAttestorWhoUnbondsAfterAttestingAFraudulentRootIsStillSlashed() throws Exception {
    Round r = won();
    MeterReading a = SettlementWorld.firstReading(w.devices.get(1), r.window());
    MeterReading b =
        SettlementWorld.lastReading(w.devices.get(1), r.window(), MOVED_WH, Direction.UP);
    DeviceEvidence bad = w.leaf(w.devices.get(1), owner, a, b, 0, MOVED_WH + 1);
    Posted p = posted(r, List.of(w.honest(w.devices.get(0), owner, r.window(), 1_000), bad));
    List<String> signers = SettlementWorld.quorumOf(p.committee());
    w.record(p.id(), p.committee(), p.batch(), signers);
    Credentials leaver = w.credentialsOf(signers.get(0));
    var registry = w.chain.nodes(leaver);
    BigInteger staked = w.stake(leaver);
    BigInteger walletBefore = w.balance(leaver.getAddress());
    assertThat(obligations(signers.get(0))).isPositive();

    registry.requestUnbond(staked).send();
    assertThat(w.stake(leaver)).isZero();
    w.chain.assertReverts(() -> registry.withdraw().send(), "EarlyWithdrawal");
    long releaseAt =
        registry.getNode(leaver.getAddress()).send().unbondingReleaseAt.longValueExact();
    w.market.warpTo(releaseAt);
    var refused = w.chain.assertReverts(() -> registry.withdraw().send(), "ObligationsOpen");
    assertThat(refused.arguments().get(0)).isEqualToIgnoringCase(leaver.getAddress());
    assertThat(w.balance(leaver.getAddress())).isEqualTo(walletBefore);

    var receipt =
        w.challenge(
            w.challenger, p.id(), p.batch().leaf(1), p.batch().proof(1), bad.first(), bad.last());

    var slashed =
        Settlement.getAttestorSlashedEvents(receipt).stream()
            .filter(e -> e.attestor.equalsIgnoreCase(leaver.getAddress()))
            .toList();
    assertThat(slashed).hasSize(1);
    assertThat(slashed.get(0).amount).isEqualTo(ATTESTOR_SLASH);
    assertThat(registry.getNode(leaver.getAddress()).send().unbonding)
        .isEqualTo(staked.subtract(ATTESTOR_SLASH));
    assertThat(obligations(signers.get(0))).isZero();
    registry.withdraw().send();
    assertThat(w.balance(leaver.getAddress()))
        .as("what it unbonded, less the slash")
        .isEqualTo(walletBefore.add(staked).subtract(ATTESTOR_SLASH));
  }

  @Test
  void theAttestorsOfAnHonestRootThatFinalizesAreNeverSlashedAndTheirObligationsClose()
      throws Exception {
    Round r = won();
    Posted p = posted(r, honestPair(r.window()));
    List<String> signers = SettlementWorld.quorumOf(p.committee());
    Map<String, BigInteger> before = new HashMap<>();
    for (String m : signers) {
      before.put(m, w.stake(w.credentialsOf(m)));
    }
    w.record(p.id(), p.committee(), p.batch(), signers);
    for (String m : signers) {
      assertThat(obligations(m)).isPositive();
    }
    w.passChallengeWindow();

    var receipt = w.settlement().finalize(p.id(), p.committee()).send();

    assertThat(Settlement.getAttestorSlashedEvents(receipt)).isEmpty();
    for (String m : signers) {
      assertThat(w.stake(w.credentialsOf(m))).isEqualTo(before.get(m));
      assertThat(obligations(m)).isZero();
    }
  }

  private BigInteger obligations(String member) throws Exception {
    return w.chain.nodes(w.chain.admin()).obligations(member).send();
  }

  /** FLEX held by Settlement and NodeRegistry together. */
  private BigInteger held() throws Exception {
    return w.balance(w.settlementAddress()).add(w.balance(w.chain.deployment().nodeRegistry()));
  }
}
