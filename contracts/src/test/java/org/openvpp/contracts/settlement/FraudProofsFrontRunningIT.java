package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.contracts.settlement.SettlementWorld.FRAUD_SLASH;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.openvpp.contracts.settlement.SettlementWorld.Posted;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.web3j.crypto.Credentials;

/**
 * Finding 2b, self-challenge and front-running: whoever sends a challenge's calldata first is paid
 * the whole slash, so the fraudster front-runs the watcher and takes its own slash back, and
 * copy-bots take honest watchers' rewards.
 */
class FraudProofsFrontRunningIT extends ChallengeTestBase {

  /** A leaf claiming one Wh more than its readings show (DeliveryMismatch). */
  private DeviceEvidence inflated(Round r) {
    Credentials device = w.devices.get(1);
    MeterReading a = SettlementWorld.firstReading(device, r.window());
    MeterReading b = SettlementWorld.lastReading(device, r.window(), MOVED_WH, Direction.UP);
    return w.leaf(device, owner, a, b, 0, MOVED_WH + 1);
  }

  /** What the node holds: its stake plus its wallet. */
  private BigInteger holdings(Credentials who) throws Exception {
    return w.stake(who).add(w.balance(who.getAddress()));
  }

  @Test
  @Disabled("finding: self-challenge / front-running (2b)")
  void theFraudsterChallengingItsOwnRootGetsItsSlashBack() throws Exception {
    Round r = won();
    DeviceEvidence bad = inflated(r);
    Posted p = posted(r, List.of(bad));
    BigInteger before = holdings(node);

    var receipt =
        w.fraudProofs(node)
            .challenge(
                p.id(),
                p.batch().leaf(0),
                p.batch().proof(0),
                bad.first().toContract(),
                bad.last().toContract())
            .send();

    assertThat(FraudProofs.getFraudProvenEvents(receipt).get(0).slashed).isEqualTo(FRAUD_SLASH);
    assertThat(holdings(node)).isEqualTo(before); // the attack: no loss at all
  }

  @Test
  @Disabled("finding: self-challenge / front-running (2b)")
  void aCopyBotReplayingAWatchersChallengeIsPaidInstead() throws Exception {
    Round r = won();
    DeviceEvidence bad = inflated(r);
    Posted p = posted(r, List.of(bad));
    Credentials bot = w.chain.account(8);
    BigInteger botBefore = w.balance(bot.getAddress());

    // The bot saw the watcher's transaction in the mempool and sent the same calldata first.
    w.fraudProofs(bot)
        .challenge(
            p.id(),
            p.batch().leaf(0),
            p.batch().proof(0),
            bad.first().toContract(),
            bad.last().toContract())
        .send();
    assertChallengeReverts(p, 0, bad.first(), bad.last(), "NotPending");

    assertThat(w.balance(bot.getAddress())).isEqualTo(botBefore.add(FRAUD_SLASH));
  }
}
