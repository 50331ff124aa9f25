package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.contracts.settlement.SettlementWorld.FRAUD_SLASH;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.evidence.ChallengeCommitment;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.openvpp.contracts.settlement.SettlementWorld.Posted;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.tx.ContractErrors;
import org.openvpp.contracts.tx.RevertReasons;
import org.openvpp.contracts.tx.Transactions;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Finding 2b, self-challenge and front-running: whoever sent a challenge's calldata first was paid
 * the whole slash, so the fraudster front-ran the watcher and took its own slash back, and
 * copy-bots took honest watchers' rewards. Challenges are now commit-reveal (the commitment names
 * the challenger, the reveal comes from it in a later block) and the challenger is paid only a
 * share.
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
  void theFraudsterChallengingItsOwnRootLosesAllButTheChallengersShare() throws Exception {
    Round r = won();
    DeviceEvidence bad = inflated(r);
    Posted p = posted(r, List.of(bad));
    BigInteger before = holdings(node);

    var receipt =
        w.challenge(node, p.id(), p.batch().leaf(0), p.batch().proof(0), bad.first(), bad.last());

    assertThat(FraudProofs.getFraudProvenEvents(receipt).get(0).slashed).isEqualTo(FRAUD_SLASH);
    // It gets back only the challenger's share; the rest is the requester's.
    assertThat(holdings(node)).isEqualTo(before.subtract(SettlementWorld.slashRest()));
    assertThat(w.settlement().credits(w.requester.getAddress()).send())
        .isEqualTo(SettlementWorld.slashRest());
  }

  @Test
  void aCopyBotReplayingAWatchersCommitAndRevealIsNotPaid() throws Exception {
    Round r = won();
    DeviceEvidence bad = inflated(r);
    Posted p = posted(r, List.of(bad));
    Credentials watcher = w.challenger;
    Credentials bot = w.chain.account(8);
    BigInteger botBefore = w.balance(bot.getAddress());
    BigInteger watcherBefore = w.balance(watcher.getAddress());
    FraudProofs.Leaf leaf = p.batch().leaf(0);
    byte[] leafHash = w.fraudProofs(watcher).evidenceLeaf(leaf).send();

    // The watcher commits; the bot copies the commitment from the mempool and commits it too.
    ChallengeCommitment commitment = ChallengeCommitment.of(watcher.getAddress(), p.id(), leafHash);
    w.fraudProofs(watcher).commitChallenge(commitment.commitment()).send();
    w.fraudProofs(bot).commitChallenge(commitment.commitment()).send();
    // The bot front-runs the watcher's reveal with the same calldata: the commitment names the
    // watcher, so the bot's own commitment to these arguments does not exist.
    var error =
        w.chain.assertReverts(
            () ->
                w.fraudProofs(bot)
                    .challenge(
                        p.id(),
                        leaf,
                        p.batch().proof(0),
                        bad.first().toContract(),
                        bad.last().toContract(),
                        commitment.salt())
                    .send(),
            "NoCommitment");
    assertThat(error.arguments().get(0))
        .isEqualTo(
            Numeric.toHexString(
                new ChallengeCommitment(bot.getAddress(), p.id(), leafHash, commitment.salt())
                    .commitment()));
    // A challenge nobody committed to is refused too.
    w.chain.assertReverts(
        () ->
            w.fraudProofs(bot)
                .challenge(
                    p.id(),
                    leaf,
                    p.batch().proof(0),
                    bad.first().toContract(),
                    bad.last().toContract(),
                    new byte[32])
                .send(),
        "NoCommitment");

    w.fraudProofs(watcher)
        .challenge(
            p.id(),
            leaf,
            p.batch().proof(0),
            bad.first().toContract(),
            bad.last().toContract(),
            commitment.salt())
        .send();

    assertThat(w.balance(watcher.getAddress()))
        .isEqualTo(watcherBefore.add(SettlementWorld.challengerShare()));
    assertThat(w.balance(bot.getAddress())).isEqualTo(botBefore);
  }

  @Test
  void aCommitmentIsUsedUpByItsRevealAndCannotBeMadeTwice() throws Exception {
    Round r = won();
    DeviceEvidence bad = inflated(r);
    Posted p = posted(r, List.of(bad));
    ChallengeCommitment c =
        ChallengeCommitment.of(
            w.challenger.getAddress(),
            p.id(),
            w.fraudProofs(w.challenger).evidenceLeaf(p.batch().leaf(0)).send());
    var committed = w.fraudProofs(w.challenger).commitChallenge(c.commitment()).send();
    var event = FraudProofs.getChallengeCommittedEvents(committed).get(0);
    assertThat(event.challenger).isEqualToIgnoringCase(w.challenger.getAddress());
    assertThat(
            w.fraudProofs(w.challenger)
                .committedAt(w.challenger.getAddress(), c.commitment())
                .send())
        .isEqualTo(committed.getBlockNumber());
    w.chain.assertReverts(
        () -> w.fraudProofs(w.challenger).commitChallenge(c.commitment()).send(),
        "AlreadyCommitted");
    // The contract and the Java side agree on the commitment.
    assertThat(
            w.fraudProofs(w.challenger)
                .commitmentOf(w.challenger.getAddress(), p.id(), c.evidenceHash(), c.salt())
                .send())
        .isEqualTo(c.commitment());
    w.fraudProofs(w.challenger)
        .challenge(
            p.id(),
            p.batch().leaf(0),
            p.batch().proof(0),
            bad.first().toContract(),
            bad.last().toContract(),
            c.salt())
        .send();
    assertThat(
            w.fraudProofs(w.challenger)
                .committedAt(w.challenger.getAddress(), c.commitment())
                .send())
        .isZero();
  }

  @Test
  void aRevealMinedInTheBlockOfItsCommitIsRefusedAndSucceedsLater() throws Exception {
    Round r = won();
    DeviceEvidence bad = inflated(r);
    Posted p = posted(r, List.of(bad));
    Credentials watcher = w.challenger;
    FraudProofs fraudProofs = w.fraudProofs(watcher);
    ChallengeCommitment c =
        ChallengeCommitment.of(
            watcher.getAddress(), p.id(), fraudProofs.evidenceLeaf(p.batch().leaf(0)).send());
    String reveal =
        fraudProofs
            .challenge(
                p.id(),
                p.batch().leaf(0),
                p.batch().proof(0),
                bad.first().toContract(),
                bad.last().toContract(),
                c.salt())
            .encodeFunctionCall();
    BigInteger nonce =
        w.anvil
            .web3j()
            .ethGetTransactionCount(watcher.getAddress(), DefaultBlockParameterName.LATEST)
            .send()
            .getTransactionCount();
    String commitHash;
    String revealHash;
    w.rpc("evm_setAutomine", List.of(false));
    try {
      commitHash =
          sendRaw(watcher, nonce, fraudProofs.commitChallenge(c.commitment()).encodeFunctionCall());
      revealHash = sendRaw(watcher, nonce.add(BigInteger.ONE), reveal);
      w.anvil.mine();
    } finally {
      w.rpc("evm_setAutomine", List.of(true));
    }
    TransactionReceipt committed = receipt(commitHash);
    TransactionReceipt revealed = receipt(revealHash);
    assertThat(revealed.getBlockNumber()).isEqualTo(committed.getBlockNumber());
    assertThat(committed.isStatusOK()).isTrue();
    assertThat(revealed.isStatusOK()).isFalse();
    // Replayed on the state after that block, at that block's number: the commit is there, the
    // reveal is too early.
    var call =
        Transaction.createFunctionCallTransaction(
            watcher.getAddress(),
            null,
            null,
            Transactions.GAS_LIMIT,
            w.chain.deployment().fraudProofs(),
            BigInteger.ZERO,
            reveal);
    var result =
        w.anvil
            .web3j()
            .ethCall(call, DefaultBlockParameter.valueOf(committed.getBlockNumber()))
            .send();
    assertThat(RevertReasons.revertData(result).flatMap(ContractErrors.all()::decode))
        .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("RevealTooEarly"));
    assertThat(w.settlement().getSubmission(p.id()).send().status).isEqualTo(BigInteger.ONE);

    // The commitment outlived the failed reveal; in a later block the same reveal proves fraud.
    var receipt =
        fraudProofs
            .challenge(
                p.id(),
                p.batch().leaf(0),
                p.batch().proof(0),
                bad.first().toContract(),
                bad.last().toContract(),
                c.salt())
            .send();
    assertThat(FraudProofs.getFraudProvenEvents(receipt)).hasSize(1);
  }

  /** Signs and sends one call with an explicit nonce, so several can wait for the same block. */
  private String sendRaw(Credentials from, BigInteger nonce, String data) throws Exception {
    RawTransaction tx =
        RawTransaction.createTransaction(
            nonce,
            Transactions.GAS_PRICE,
            BigInteger.valueOf(1_000_000),
            w.chain.deployment().fraudProofs(),
            data);
    byte[] signed = TransactionEncoder.signMessage(tx, w.anvil.chainId(), from);
    var sent = w.anvil.web3j().ethSendRawTransaction(Numeric.toHexString(signed)).send();
    assertThat(sent.hasError()).as(String.valueOf(sent.getError())).isFalse();
    return sent.getTransactionHash();
  }

  private TransactionReceipt receipt(String hash) throws Exception {
    return w.anvil
        .web3j()
        .ethGetTransactionReceipt(hash)
        .send()
        .getTransactionReceipt()
        .orElseThrow();
  }
}
