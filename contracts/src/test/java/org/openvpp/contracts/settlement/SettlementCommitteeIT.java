package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.settlement.SettlementWorld.Batch;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.testing.AnvilExtension;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.utils.Numeric;

/**
 * Committee draws: seed timing, stakes as of the snapshot block, one draw per submission, who can
 * sit, the quorum that never shrinks, redraws after a timeout and expiry.
 */
@ExtendWith(AnvilExtension.class)
class SettlementCommitteeIT {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SettlementWorld w;
  private Credentials node;

  @BeforeEach
  void world(Anvil anvil) throws Exception {
    w = SettlementWorld.fresh(anvil);
    node = w.nodes.get(2);
  }

  private BigInteger submitted() throws Exception {
    Round r = w.win(node);
    w.warpPastEnd(r);
    Batch b =
        w.forRequest(
            node,
            r.request(),
            new RewardLedger(),
            List.of(w.honest(w.devices.get(0), SettlementWorld.freshAddress(), r.window(), 4_000)));
    return w.submit(node, r.request(), b);
  }

  @Test
  void theSeedBlockMustBeMinedBeforeTheDraw() throws Exception {
    BigInteger id = submitted();
    BigInteger seedBlock =
        w.settlement().getSubmission(id).send().snapshotBlock.add(BigInteger.ONE);
    // Automine: this draw lands in the seed block itself, whose hash nobody knows yet.
    var error =
        w.chain.assertReverts(() -> w.settlement().drawCommittee(id).send(), "SeedNotReady");
    assertThat(error.arguments()).containsExactly(seedBlock.toString());
    // One block later the draw succeeds, seeded by the leading 128 bits of
    // keccak(blockhash(seedBlock), id).
    var receipt = w.settlement().drawCommittee(id).send();
    var drawn = Settlement.getCommitteeDrawnEvents(receipt).get(0);
    String hash =
        w.anvil
            .web3j()
            .ethGetBlockByNumber(DefaultBlockParameter.valueOf(seedBlock), false)
            .send()
            .getBlock()
            .getHash();
    byte[] seed = new byte[32];
    System.arraycopy(
        Hash.sha3(Numeric.hexStringToByteArray(hash + TypeEncoder.encode(new Uint256(id)))),
        0,
        seed,
        0,
        16);
    assertThat(drawn.seed).isEqualTo(seed);
    assertThat(w.settlement().getSubmission(id).send().seed).isEqualTo(Arrays.copyOf(seed, 16));
    assertThat(w.settlement().getSubmission(id).send().committeeHash).isNotEqualTo(new byte[32]);
  }

  @Test
  void aCommitteeIsDrawnOnce() throws Exception {
    BigInteger id = submitted();
    w.draw(id);
    var error =
        w.chain.assertReverts(
            () -> w.settlement().drawCommittee(id).send(), "CommitteeAlreadyDrawn");
    assertThat(error.arguments()).containsExactly(id.toString());
  }

  @Test
  void drawingAnUnknownSubmissionFails() throws Exception {
    w.chain.assertReverts(
        () -> w.settlement().drawCommittee(BigInteger.valueOf(7)).send(), "UnknownSubmission");
    w.chain.assertReverts(
        () -> w.settlement().drawCommittee(BigInteger.ZERO).send(), "UnknownSubmission");
  }

  @Test
  void theCommitteeIsDistinctActiveNodesOtherThanTheSubmitterAndMatchesThePreview()
      throws Exception {
    BigInteger id = submitted();
    w.anvil.mine();
    var receipt = w.settlement().drawCommittee(id).send();
    var drawn = Settlement.getCommitteeDrawnEvents(receipt).get(0);
    assertCommitteeShape(drawn.committee, node);
    // Four eligible nodes of equal stake for three seats with twelve draws: the seats fill.
    assertThat(drawn.committee).isNotEmpty();
    BigInteger snapshot = w.settlement().getSubmission(id).send().snapshotBlock;
    assertThat(previewOf(drawn.seed, node, snapshot)).isEqualTo(drawn.committee);
    // The stored hash is keccak(abi.encode(committee)): finalize accepts exactly this list.
    assertThat(w.settlement().getSubmission(id).send().committeeHash)
        .isEqualTo(Hash.sha3(Numeric.hexStringToByteArray(encodeAddresses(drawn.committee))));
  }

  @Test
  void manySeedsNeverSeatTheNodeItselfTwiceTheSameNodeOrAnInactiveNode() throws Exception {
    // Node 4 unbonds down to 500 FLEX, below the 1,000 FLEX minimum: inactive, though its
    // remaining stake still occupies the sampling tree.
    Credentials inactive = w.nodes.get(4);
    w.chain
        .nodes(inactive)
        .requestUnbond(SettlementWorld.FLEX.multiply(BigInteger.valueOf(1_500)))
        .send();
    assertThat(w.chain.nodes(inactive).isActive(inactive.getAddress()).send()).isFalse();
    w.anvil.mine();
    BigInteger snapshot = BigInteger.valueOf(w.blockNumber() - 1);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      byte[] seed = new byte[32];
      RANDOM.nextBytes(seed);
      Credentials subject = w.nodes.get(i % 4);
      List<String> committee = previewOf(seed, subject, snapshot);
      assertCommitteeShape(committee, subject);
      assertThat(committee).noneMatch(a -> a.equalsIgnoreCase(inactive.getAddress()));
      committee.forEach(a -> seen.add(a.toLowerCase()));
    }
    // Every active node sits on some committee: the draw is not stuck on a few.
    assertThat(seen).hasSize(4);
  }

  /**
   * A seed older than 256 blocks is gone: the draw reverts SeedLost and the submission waits for
   * the attestation timeout, after which anyone redraws it with a fresh seed (the next block) over
   * the stakes of the redraw's block.
   */
  @Test
  void aLostSeedIsRedrawnAfterTheAttestationTimeout() throws Exception {
    BigInteger id = submitted();
    w.mine(300); // blockhash(seedBlock) is now 0
    w.chain.assertReverts(() -> w.settlement().drawCommittee(id).send(), "SeedLost");
    var early =
        w.chain.assertReverts(() -> w.settlement().redraw(id).send(), "AttestationTimeoutRunning");
    BigInteger roundStart = w.settlement().getSubmission(id).send().roundStart;
    assertThat(early.arguments().get(0))
        .isEqualTo(
            roundStart.add(BigInteger.valueOf(SettlementWorld.ATTESTATION_TIMEOUT_S)).toString());
    w.market.warpTo(w.market.now() + SettlementWorld.ATTESTATION_TIMEOUT_S);

    var receipt = w.settlement(w.challenger).redraw(id).send();

    var redrawn = Settlement.getCommitteeRedrawnEvents(receipt).get(0);
    long mined = receipt.getBlockNumber().longValueExact();
    assertThat(redrawn.submissionId).isEqualTo(id);
    assertThat(redrawn.seedBlock).isEqualTo(BigInteger.valueOf(mined + 1));
    assertThat(redrawn.snapshotBlock).isEqualTo(BigInteger.valueOf(mined));
    assertThat(redrawn.redraws).isEqualTo(BigInteger.ONE);
    // The new seed block is the next one: drawing in it is again too early, after it works.
    w.chain.assertReverts(() -> w.settlement().drawCommittee(id).send(), "SeedNotReady");
    assertCommitteeShape(w.draw(id), node);
  }

  /**
   * With fewer eligible nodes than the quorum the draw stores nothing (the quorum never shrinks),
   * and nodes becoming active later do not change that snapshot: only a redraw after the timeout
   * draws over the new stakes.
   */
  @Test
  void aDrawSeatingFewerThanTheQuorumStoresNothingUntilARedraw() throws Exception {
    BigInteger unbond = SettlementWorld.FLEX.multiply(BigInteger.valueOf(1_500));
    for (Credentials other : w.nodes) {
      if (other != node) {
        w.chain.nodes(other).requestUnbond(unbond).send();
      }
    }
    BigInteger id = submitted();
    // A few blocks past the seed block, so the revert replay (one block earlier) sees it mined too.
    w.mine(3);
    w.chain.assertReverts(() -> w.settlement().drawCommittee(id).send(), "NoEligibleAttestors");
    w.chain.assertReverts(() -> w.settlement().finalize(id, List.of()).send(), "CommitteeNotDrawn");
    for (Credentials other : w.nodes) {
      if (other != node) {
        w.chain.mint(other.getAddress(), 1_500);
        w.chain.token(other).approve(w.chain.deployment().nodeRegistry(), unbond).send();
        w.chain.nodes(other).increaseStake(unbond).send();
      }
    }
    w.mine(3);
    w.chain.assertReverts(() -> w.settlement().drawCommittee(id).send(), "NoEligibleAttestors");
    w.market.warpTo(w.market.now() + SettlementWorld.ATTESTATION_TIMEOUT_S);
    w.settlement().redraw(id).send();
    assertCommitteeShape(w.draw(id), node);
  }

  /**
   * A committee that never signs is redrawn at most MAX_REDRAWS times; when the last one times out
   * too, the submission expires (AttestationTimeout), which frees the node's chain. Bounds how many
   * fresh committees a node that withholds the draw or the signatures can fish for.
   */
  @Test
  void aCommitteeThatNeverSignsIsRedrawnTwiceThenTheSubmissionExpires() throws Exception {
    BigInteger id = submitted();
    w.draw(id);
    w.chain.assertReverts(() -> w.settlement().expire(id).send(), "NotExpirable");
    for (int redraw = 1; redraw <= 2; redraw++) {
      w.market.warpTo(w.market.now() + SettlementWorld.ATTESTATION_TIMEOUT_S);
      w.chain.assertReverts(() -> w.settlement().expire(id).send(), "NotExpirable");
      w.settlement().redraw(id).send();
      assertThat(w.settlement().getSubmission(id).send().redraws)
          .isEqualTo(BigInteger.valueOf(redraw));
      w.draw(id);
    }
    w.market.warpTo(w.market.now() + SettlementWorld.ATTESTATION_TIMEOUT_S);
    var error = w.chain.assertReverts(() -> w.settlement().redraw(id).send(), "RedrawsExhausted");
    assertThat(error.arguments()).containsExactly(id.toString());
    var receipt = w.settlement(w.challenger).expire(id).send();
    assertThat(Settlement.getSubmissionExpiredEvents(receipt).get(0).reason)
        .isEqualTo(BigInteger.valueOf(3)); // AttestationTimeout
    assertThat(w.settlement().getSubmission(id).send().status).isEqualTo(BigInteger.valueOf(4));
    assertThat(w.settlement().nodeRewards(node.getAddress()).send().generation)
        .isEqualTo(BigInteger.ONE);
  }

  /** A partial committee's attestations are dropped by a redraw; a quorum cannot be redrawn. */
  @Test
  void aRedrawDropsPartialAttestationsAndAQuorumIsNeverRedrawn() throws Exception {
    Round r = w.win(node);
    w.warpPastEnd(r);
    Batch b =
        w.forRequest(
            node,
            r.request(),
            new RewardLedger(),
            List.of(w.honest(w.devices.get(0), SettlementWorld.freshAddress(), r.window(), 4_000)));
    BigInteger id = w.submit(node, r.request(), b);
    List<String> committee = w.draw(id);
    w.record(id, committee, b, committee.subList(0, 1));
    w.market.warpTo(w.market.now() + SettlementWorld.ATTESTATION_TIMEOUT_S);
    w.settlement().redraw(id).send();
    Settlement.Submission s = w.settlement().getSubmission(id).send();
    assertThat(s.attestations).isZero();
    assertThat(w.settlement().attestorsOf(id).send()).isEmpty();
    // The old committee no longer counts.
    w.chain.assertReverts(() -> w.record(id, committee, b, committee), "CommitteeNotDrawn");
    List<String> fresh = w.draw(id);
    w.record(id, fresh, b, SettlementWorld.quorumOf(fresh));
    w.market.warpTo(w.market.now() + SettlementWorld.ATTESTATION_TIMEOUT_S);
    var error = w.chain.assertReverts(() -> w.settlement().redraw(id).send(), "AlreadyAttested");
    assertThat(error.arguments()).containsExactly(id.toString());
  }

  private List<String> previewOf(byte[] seed, Credentials subject, BigInteger snapshot)
      throws Exception {
    @SuppressWarnings("unchecked")
    List<String> preview =
        w.settlement().previewCommittee(seed, subject.getAddress(), snapshot).send();
    return preview;
  }

  private void assertCommitteeShape(List<String> committee, Credentials subject) throws Exception {
    assertThat(committee.size())
        .isBetween(
            SettlementWorld.parameters().quorum(), SettlementWorld.parameters().committeeSize());
    assertThat(committee).noneMatch(a -> a.equalsIgnoreCase(subject.getAddress()));
    assertThat(committee.stream().map(String::toLowerCase).distinct()).hasSize(committee.size());
    for (String member : committee) {
      assertThat(w.chain.nodes(w.chain.admin()).isActive(member).send()).as(member).isTrue();
    }
  }

  /** abi.encode(address[]): offset word, length, elements. */
  private static String encodeAddresses(List<String> committee) {
    return FunctionEncoder.encodeConstructor(
        List.of(new DynamicArray<>(Address.class, committee.stream().map(Address::new).toList())));
  }
}
