package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
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

/** Committee draws: seed timing, one draw per submission, who can sit, and reseeding. */
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
    BigInteger seedBlock = w.settlement().getSubmission(id).send().seedBlock;
    // Automine: this draw lands in the seed block itself, whose hash nobody knows yet.
    var error =
        w.chain.assertReverts(() -> w.settlement().drawCommittee(id).send(), "SeedNotReady");
    assertThat(error.arguments()).containsExactly(seedBlock.toString());
    // One block later the draw succeeds, seeded by keccak(blockhash(seedBlock), id).
    var receipt = w.settlement().drawCommittee(id).send();
    var drawn = Settlement.getCommitteeDrawnEvents(receipt).get(0);
    String hash =
        w.anvil
            .web3j()
            .ethGetBlockByNumber(DefaultBlockParameter.valueOf(seedBlock), false)
            .send()
            .getBlock()
            .getHash();
    byte[] seed =
        Hash.sha3(Numeric.hexStringToByteArray(hash + TypeEncoder.encode(new Uint256(id))));
    assertThat(drawn.seed).isEqualTo(seed);
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
    assertThat(previewOf(drawn.seed, node)).isEqualTo(drawn.committee);
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
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      byte[] seed = new byte[32];
      RANDOM.nextBytes(seed);
      Credentials subject = w.nodes.get(i % 4);
      List<String> committee = previewOf(seed, subject);
      assertCommitteeShape(committee, subject);
      assertThat(committee).noneMatch(a -> a.equalsIgnoreCase(inactive.getAddress()));
      committee.forEach(a -> seen.add(a.toLowerCase()));
    }
    // Every active node sits on some committee: the draw is not stuck on a few.
    assertThat(seen).hasSize(4);
  }

  @Test
  void aSeedOlderThan256BlocksMovesAndTheDrawIsRepeated() throws Exception {
    BigInteger id = submitted();
    w.mine(300); // blockhash(seedBlock) is now 0
    var receipt = w.settlement().drawCommittee(id).send();
    assertThat(Settlement.getCommitteeDrawnEvents(receipt)).isEmpty();
    var reseeded = Settlement.getCommitteeReseededEvents(receipt).get(0);
    long mined = receipt.getBlockNumber().longValueExact();
    assertThat(reseeded.submissionId).isEqualTo(id);
    assertThat(reseeded.seedBlock).isEqualTo(BigInteger.valueOf(mined + 1));
    assertThat(w.settlement().getSubmission(id).send().seedBlock).isEqualTo(reseeded.seedBlock);
    // The new seed block is the next one: drawing in it is again too early, after it works.
    w.chain.assertReverts(() -> w.settlement().drawCommittee(id).send(), "SeedNotReady");
    List<String> committee = w.draw(id);
    assertCommitteeShape(committee, node);
  }

  /**
   * With no other active node the draw seats nobody: nothing is stored and the draw can be repeated
   * once nodes are active again (an empty committee stored for good would block the node).
   */
  @Test
  void anEmptyCommitteeCanBeRedrawnOnceNodesAreActiveAgain() throws Exception {
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
    w.passChallengeWindow();
    w.chain.assertReverts(
        () -> w.settlement().finalize(id, List.of(), List.of()).send(), "CommitteeNotDrawn");
    for (Credentials other : w.nodes) {
      if (other != node) {
        w.chain.mint(other.getAddress(), 1_500);
        w.chain.token(other).approve(w.chain.deployment().nodeRegistry(), unbond).send();
        w.chain.nodes(other).increaseStake(unbond).send();
      }
    }
    assertCommitteeShape(w.draw(id), node);
  }

  /**
   * A lost seed moves at most MAX_RESEEDS times; after that the draw reverts SeedLost and the
   * submission can only expire, which frees the node's chain. Bounds how many fresh committees a
   * node that withholds the draw can fish for.
   */
  @Test
  void aSeedLostMoreThanTwiceLeavesOnlyExpiry() throws Exception {
    BigInteger id = submitted();
    w.chain.assertReverts(() -> w.settlement().expire(id).send(), "NotExpirable");
    for (int reseed = 1; reseed <= 2; reseed++) {
      w.mine(300);
      var receipt = w.settlement().drawCommittee(id).send();
      assertThat(Settlement.getCommitteeReseededEvents(receipt)).hasSize(1);
      assertThat(w.settlement().getSubmission(id).send().reseeds)
          .isEqualTo(BigInteger.valueOf(reseed));
    }
    w.mine(300);
    w.chain.assertReverts(() -> w.settlement().drawCommittee(id).send(), "SeedLost");
    var receipt = w.settlement(w.challenger).expire(id).send();
    assertThat(Settlement.getSubmissionExpiredEvents(receipt).get(0).reason)
        .isEqualTo(BigInteger.TWO); // SeedLost
    assertThat(w.settlement().getSubmission(id).send().status).isEqualTo(BigInteger.valueOf(4));
    assertThat(w.settlement().nodeRewards(node.getAddress()).send().generation)
        .isEqualTo(BigInteger.ONE);
  }

  private List<String> previewOf(byte[] seed, Credentials subject) throws Exception {
    @SuppressWarnings("unchecked")
    List<String> preview = w.settlement().previewCommittee(seed, subject.getAddress()).send();
    return preview;
  }

  private void assertCommitteeShape(List<String> committee, Credentials subject) throws Exception {
    assertThat(committee.size()).isBetween(1, SettlementWorld.parameters().committeeSize());
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
