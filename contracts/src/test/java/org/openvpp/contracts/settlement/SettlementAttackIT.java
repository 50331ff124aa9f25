package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.contracts.settlement.SettlementWorld.FLEX;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.deploy.SettlementParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.settlement.SettlementWorld.Batch;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.Market;
import org.openvpp.contracts.testing.Oem;
import org.openvpp.contracts.testing.TestContracts;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.utils.Numeric;

/**
 * Attacks on settlement found in the review of issue 10, each played by the attacker's own accounts
 * (and, for steering, a contract) on a real Anvil.
 */
@ExtendWith(AnvilExtension.class)
class SettlementAttackIT {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long MIN_STAKE_FLEX = 1_000;

  private SettlementWorld w;

  @BeforeEach
  void world(Anvil anvil) throws Exception {
    w = SettlementWorld.fresh(anvil);
  }

  // ------------------------------------------------------------ helpers

  /** A fresh account registered as a node with the minimum stake. */
  private Credentials sybil() throws Exception {
    Credentials account = w.market.fundedAccount();
    w.market.registerNode(account, Market.ZONE, MIN_STAKE_FLEX);
    return account;
  }

  /**
   * A made-up batch for {@code node}'s award: one leaf of a device nobody else knows, paying
   * everything to {@code owner}. Nobody but the attacker holds the leaf, so nobody can challenge.
   */
  private Batch madeUp(Credentials node, Round r, String owner) throws Exception {
    Credentials ghost = Oem.newDeviceKey();
    long awardedWh = SettlementWorld.POWER_W * SettlementWorld.DURATION_S / 3_600;
    DeviceEvidence leaf =
        w.leaf(
            ghost,
            owner,
            SettlementWorld.firstReading(ghost, r.window()),
            SettlementWorld.lastReading(
                ghost, r.window(), awardedWh, org.openvpp.contracts.evidence.Direction.UP),
            0,
            awardedWh);
    return w.forRequest(node, r.request(), new RewardLedger(), List.of(leaf));
  }

  private List<byte[]> sign(BigInteger id, Batch b, List<Credentials> signers) {
    List<byte[]> signatures = new ArrayList<>();
    for (Credentials signer : signers) {
      signatures.add(
          w.attestations.sign(
              id, b.tree().root(), b.ledger().tree().root(), signer.getEcKeyPair()));
    }
    return signatures;
  }

  /** The node set in registration order with bonded stakes, as the stake tree lays them out. */
  private record StakeTable(List<String> nodes, List<BigInteger> stakes) {
    StakeTable plus(String node, BigInteger amount) {
      List<BigInteger> s = new ArrayList<>(stakes);
      int i = indexOf(node);
      s.set(i, s.get(i).add(amount));
      return new StakeTable(nodes, s);
    }

    int indexOf(String node) {
      for (int i = 0; i < nodes.size(); i++) {
        if (nodes.get(i).equalsIgnoreCase(node)) {
          return i;
        }
      }
      throw new IllegalArgumentException(node);
    }

    BigInteger total() {
      return stakes.stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** Settlement's draw, replayed: stake-weighted, without replacement, 4 tries per seat. */
    List<String> draw(byte[] seed, String submitter, int seats, BigInteger minimum) {
      List<String> chosen = new ArrayList<>();
      BigInteger total = total();
      for (int attempt = 0; chosen.size() < seats && attempt < seats * 4; attempt++) {
        byte[] h =
            Hash.sha3(
                Numeric.hexStringToByteArray(
                    Numeric.toHexStringNoPrefix(seed) + TypeEncoder.encode(new Uint256(attempt))));
        BigInteger point = new BigInteger(1, h).mod(total);
        int i = 0;
        while (point.compareTo(stakes.get(i)) >= 0) {
          point = point.subtract(stakes.get(i));
          i++;
        }
        String candidate = nodes.get(i);
        if (candidate.equalsIgnoreCase(submitter)
            || stakes.get(i).compareTo(minimum) < 0
            || chosen.stream().anyMatch(candidate::equalsIgnoreCase)) {
          continue;
        }
        chosen.add(candidate);
      }
      return chosen;
    }
  }

  private StakeTable stakes() throws Exception {
    var registry = w.chain.nodes(w.chain.admin());
    int count = registry.nodeCount().send().intValueExact();
    List<String> nodes = new ArrayList<>();
    List<BigInteger> stakes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String node = registry.nodeAt(BigInteger.valueOf(i)).send();
      nodes.add(node);
      stakes.add(registry.stakeOf(node).send());
    }
    return new StakeTable(nodes, stakes);
  }

  private byte[] seedOf(BigInteger id) throws Exception {
    BigInteger seedBlock =
        w.settlement().getSubmission(id).send().snapshotBlock.add(BigInteger.ONE);
    String hash =
        w.anvil
            .web3j()
            .ethGetBlockByNumber(DefaultBlockParameter.valueOf(seedBlock), false)
            .send()
            .getBlock()
            .getHash();
    // The leading 128 bits of keccak256(blockhash, id), as bytes32 (Settlement stores 16 bytes).
    byte[] seed = new byte[32];
    System.arraycopy(
        Hash.sha3(Numeric.hexStringToByteArray(hash + TypeEncoder.encode(new Uint256(id)))),
        0,
        seed,
        0,
        16);
    return seed;
  }

  private static long members(List<String> committee, List<Credentials> sybils) {
    return committee.stream()
        .filter(m -> sybils.stream().anyMatch(s -> s.getAddress().equalsIgnoreCase(m)))
        .count();
  }

  private List<Credentials> membersAmong(List<String> committee, List<Credentials> sybils) {
    return sybils.stream()
        .filter(s -> committee.stream().anyMatch(s.getAddress()::equalsIgnoreCase))
        .toList();
  }

  // ------------------------------------------------------------ attacks

  /**
   * Committee steering (issue 10, item 1): once the seed block's hash is public the attacker
   * searches off-chain for a stake increase that, on a draw over live stake, seats a quorum of its
   * sybils, then raises its stake and draws in one transaction. The draw reads the stakes as of the
   * posting block, fixed before the seed existed: the increase changes nothing, and the committee
   * is the one those stakes give.
   */
  @Test
  void aStakeIncreaseInTheDrawTransactionDoesNotSteerTheCommittee() throws Exception {
    Credentials submitter = sybil();
    List<Credentials> sybils = List.of(sybil(), sybil());
    String steerer = deploySteerer();
    String owner = SettlementWorld.freshAddress();
    Round r = w.win(submitter);
    w.warpPastEnd(r);
    Batch b = madeUp(submitter, r, owner);
    BigInteger id = w.submit(submitter, r.request(), b);
    StakeTable atPosting = stakes();
    w.anvil.mine(); // the seed block: its hash is now public

    // Off-chain search for the stake increase that would seat a quorum of sybils.
    byte[] seed = seedOf(id);
    var params = w.settlement().params().send();
    int seats = params.committeeSize.intValueExact();
    int quorum = params.quorum.intValueExact();
    BigInteger minimum = FLEX.multiply(BigInteger.valueOf(MIN_STAKE_FLEX));
    BigInteger x = null;
    for (long wei = 1; wei < 100_000 && x == null; wei++) {
      List<String> c =
          atPosting
              .plus(steerer, BigInteger.valueOf(wei))
              .draw(seed, submitter.getAddress(), seats, minimum);
      if (members(c, sybils) >= quorum) {
        x = BigInteger.valueOf(wei);
      }
    }
    assertThat(x).as("a stake increase seating a sybil quorum on live stake").isNotNull();

    var receipt =
        TestContracts.send(
            w.anvil.web3j(),
            w.chain.admin(),
            w.anvil.chainId(),
            steerer,
            new Function(
                "steer",
                List.of(new Address(w.settlementAddress()), new Uint256(id), new Uint256(x)),
                List.of()));
    List<String> committee = Settlement.getCommitteeDrawnEvents(receipt).get(0).committee;

    // The committee is the draw over the stakes at posting, as if the increase never happened.
    assertThat(committee).isEqualTo(atPosting.draw(seed, submitter.getAddress(), seats, minimum));
    // The seed is kept (16 bytes) so the committee can be drawn again when attestors are released.
    assertThat(w.settlement().getSubmission(id).send().seed)
        .isEqualTo(Arrays.copyOf(Settlement.getCommitteeDrawnEvents(receipt).get(0).seed, 16));
    if (members(committee, sybils) < quorum) {
      // Chance alone did not seat a sybil quorum (it does so in a few percent of seeds): the
      // sybils' attestations cannot finalize the made-up root.
      List<Credentials> seated = membersAmong(committee, sybils);
      List<Credentials> outside = sybils.stream().filter(sybil -> !seated.contains(sybil)).toList();
      w.chain.assertReverts(
          () -> w.settlement().attest(id, committee, sign(id, b, outside)).send(),
          "NotCommitteeMember");
      if (!seated.isEmpty()) {
        w.settlement().attest(id, committee, sign(id, b, seated)).send();
      }
      w.passChallengeWindow();
      w.chain.assertReverts(
          () -> w.settlement().finalize(id, committee).send(), "QuorumNotReached");
      assertThat(w.balance(owner)).isZero();
    }
  }

  private String deploySteerer() throws Exception {
    String args =
        TypeEncoder.encode(new Address(w.chain.deployment().flexToken()))
            + TypeEncoder.encode(new Address(w.chain.deployment().nodeRegistry()));
    String steerer =
        TestContracts.deploy(
            w.anvil.web3j(), w.chain.admin(), w.anvil.chainId(), "CommitteeSteerer", args);
    w.chain.mint(steerer, MIN_STAKE_FLEX + 1);
    byte[] peerId = new byte[38];
    RANDOM.nextBytes(peerId);
    TestContracts.send(
        w.anvil.web3j(),
        w.chain.admin(),
        w.anvil.chainId(),
        steerer,
        new Function(
            "join",
            List.of(
                new DynamicBytes(peerId),
                new Bytes32(Market.ZONE),
                new Uint256(FLEX.multiply(BigInteger.valueOf(MIN_STAKE_FLEX)))),
            List.of()));
    return steerer;
  }

  /**
   * Quorum shrinks (issue 10, item 1): with only one other eligible node, a one-member committee
   * used to finalize alone. A draw seating fewer than the quorum stores nothing; redraws find no
   * more nodes, and the submission expires unpaid.
   */
  @Test
  void aLoneColluderCannotFinalizeWhenFewNodesAreEligible() throws Exception {
    Credentials submitter = w.nodes.get(0);
    Credentials colluder = w.nodes.get(1);
    // The other nodes leave: only the colluder is eligible besides the submitter.
    for (Credentials leaving : w.nodes.subList(2, 5)) {
      w.chain.nodes(leaving).requestUnbond(w.stake(leaving)).send();
    }
    String owner = SettlementWorld.freshAddress();
    Round r = w.win(submitter);
    w.warpPastEnd(r);
    Batch b = madeUp(submitter, r, owner);
    BigInteger id = w.submit(submitter, r.request(), b);
    for (int round = 0; round <= SettlementParameters.MAX_REDRAWS; round++) {
      w.mine(2);
      w.chain.assertReverts(() -> w.settlement().drawCommittee(id).send(), "NoEligibleAttestors");
      w.chain.assertReverts(
          () ->
              w.settlement()
                  .attest(id, List.of(colluder.getAddress()), sign(id, b, List.of(colluder)))
                  .send(),
          "CommitteeNotDrawn");
      w.market.warpTo(w.market.now() + SettlementWorld.ATTESTATION_TIMEOUT_S);
      if (round < SettlementParameters.MAX_REDRAWS) {
        w.settlement().redraw(id).send();
      }
    }
    var receipt = w.settlement().expire(id).send();
    assertThat(Settlement.getSubmissionExpiredEvents(receipt).get(0).reason)
        .isEqualTo(BigInteger.valueOf(3)); // AttestationTimeout
    assertThat(w.balance(owner)).isZero();
  }

  /**
   * Freezing the contribution pool (issue 10, item 3): a node posts an epoch root reserving the
   * whole pool, draws its committee and lets it never sign. After the attestation timeout anyone
   * redraws (twice), then expires the root, which returns the reservation.
   */
  @Test
  void anEpochRootThatIsNeverAttestedExpiresAndFreesThePool() throws Exception {
    Credentials node = w.nodes.get(0);
    w.manage(node, w.devices);
    long epoch = w.market.now() / SettlementWorld.EPOCH_S - 1;
    // As much as its four devices could export in the epoch, and a pool of exactly that payment.
    var window =
        new SettlementWorld.Window(
            epoch * SettlementWorld.EPOCH_S * 1000, (epoch + 1) * SettlementWorld.EPOCH_S * 1000);
    long perDevice = SettlementWorld.RATED_W * SettlementWorld.EPOCH_S / 3_600;
    String owner = SettlementWorld.freshAddress();
    Batch b =
        w.forEpoch(
            new RewardLedger(),
            w.devices.stream().map(d -> w.honest(d, owner, window, perDevice)).toList());
    BigInteger amount = fundPool(b.payment());
    BigInteger id = w.submitEpoch(node, epoch, b);
    w.draw(id);
    assertThat(w.settlement().contributionPool().send()).isZero();

    // Nobody ever signs.
    for (int redraw = 1; redraw <= SettlementParameters.MAX_REDRAWS; redraw++) {
      w.market.warpTo(w.market.now() + SettlementWorld.ATTESTATION_TIMEOUT_S);
      w.chain.assertReverts(() -> w.settlement().expire(id).send(), "NotExpirable");
      w.settlement(w.challenger).redraw(id).send();
      w.draw(id);
    }
    w.market.warpTo(w.market.now() + SettlementWorld.ATTESTATION_TIMEOUT_S);
    var receipt = w.settlement(w.challenger).expire(id).send();

    assertThat(Settlement.getSubmissionExpiredEvents(receipt).get(0).reason)
        .isEqualTo(BigInteger.valueOf(3)); // AttestationTimeout
    assertThat(w.settlement().contributionPool().send()).isEqualTo(amount);
  }

  private BigInteger fundPool(BigInteger amount) throws Exception {
    Credentials funder = w.chain.account(8);
    w.chain.token(w.chain.admin()).mint(funder.getAddress(), amount).send();
    w.chain.token(funder).approve(w.settlementAddress(), amount).send();
    w.settlement(funder).fundContributions(amount).send();
    return amount;
  }

  /**
   * One stale entry reverts a claimMany batch (issue 10, item 10): a griefer front-runs one claim
   * of an owner's batch with the public proof. The batch now skips the claimed entry and pays the
   * rest.
   */
  @Test
  void aGrieferFrontRunningOneClaimDoesNotRevertTheBatch() throws Exception {
    Credentials node = w.nodes.get(0);
    String owner = SettlementWorld.freshAddress();
    String other = SettlementWorld.freshAddress();
    Round r = w.win(node);
    w.warpPastEnd(r);
    Batch b =
        w.forRequest(
            node,
            r.request(),
            new RewardLedger(),
            List.of(
                w.honest(w.devices.get(0), owner, r.window(), 3_000),
                w.honest(w.devices.get(1), other, r.window(), 2_000)));
    w.settle(node, r.request(), b);
    List<Settlement.Claim> batch =
        List.of(
            new Settlement.Claim(
                node.getAddress(), owner, b.cumulative(owner), b.rewardProof(owner)),
            new Settlement.Claim(
                node.getAddress(), other, b.cumulative(other), b.rewardProof(other)));
    // The griefer (anyone) claims one entry first, with the public proof.
    w.settlement(w.challenger)
        .claim(node.getAddress(), other, b.cumulative(other), b.rewardProof(other))
        .send();

    var receipt = w.settlement().claimMany(batch).send();

    assertThat(Settlement.getRewardClaimedEvents(receipt)).hasSize(1);
    assertThat(w.balance(owner)).isEqualTo(b.cumulative(owner));
    assertThat(w.balance(other)).isEqualTo(b.cumulative(other));
  }

  /**
   * Escaping the slash (issue 10, item 2a): a node wins, unbonds and withdraws its whole stake
   * before the evidence deadline, then posts fraudulent evidence, so the slash takes nothing. Its
   * award keeps its stake locked (an obligation opened at clearing, NodeRegistry refuses the
   * withdrawal), and an unbonded node may not post evidence at all.
   */
  @Test
  void aNodeCannotWithdrawItsStakeBeforePostingFraud() throws Exception {
    Credentials node = w.nodes.get(1);
    BigInteger stake = w.stake(node);
    Round r = w.win(node);
    // Right after clearing: unbond everything and try to leave before the evidence is due.
    w.chain.nodes(node).requestUnbond(stake).send();
    w.market.warpTo(w.market.now() + 86_400);
    w.chain.assertReverts(() -> w.chain.nodes(node).withdraw().send(), "ObligationsOpen");
    assertThat(w.chain.nodes(w.chain.admin()).getNode(node.getAddress()).send().unbonding)
        .isEqualTo(stake);

    // Fraudulent evidence: the readings show 1,000 Wh, the leaf claims 5,000.
    String owner = SettlementWorld.freshAddress();
    Credentials device = w.devices.get(0);
    DeviceEvidence fake =
        w.leaf(
            device,
            owner,
            SettlementWorld.firstReading(device, r.window()),
            SettlementWorld.lastReading(
                device, r.window(), 1_000, org.openvpp.contracts.evidence.Direction.UP),
            0,
            5_000);
    Batch b = w.forRequest(node, r.request(), new RewardLedger(), List.of(fake));
    var error =
        w.chain.assertReverts(
            () -> w.settlement(node).submitEvidence(r.request(), b.evidence()).send(), "NotActive");
    assertThat(error.arguments().get(0)).isEqualToIgnoringCase(node.getAddress());
  }
}
