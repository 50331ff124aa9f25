package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.Attestations;
import org.openvpp.contracts.evidence.EvidenceLeaf;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.MeterTypedData;
import org.openvpp.contracts.evidence.RewardTree;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.merkle.StandardMerkleTree;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.OpenZeppelinMerkle;
import org.openvpp.contracts.testing.TypedDataFixtures;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The evidence and reward hashes three ways: Java, @openzeppelin/merkle-tree (the reference for
 * StandardMerkleTree, including negative int64 baselines) and Settlement's own view functions.
 */
@ExtendWith(AnvilExtension.class)
class SettlementHashesIT {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void evidenceTreeEqualsOpenZeppelinWithNegativeBaselines() throws Exception {
    for (int size : new int[] {1, 2, 7}) {
      List<EvidenceLeaf> leaves = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        leaves.add(randomLeaf(i == 0 ? Long.MIN_VALUE : -1 - RANDOM.nextInt(1_000_000)));
      }
      if (size > 1) {
        leaves.set(size - 1, randomLeaf(RANDOM.nextLong() & Long.MAX_VALUE)); // and a positive
      }
      EvidenceTree tree = new EvidenceTree(leaves);

      ObjectNode input = TypedDataFixtures.JSON.createObjectNode();
      ArrayNode types = input.putArray("types");
      for (String t : EvidenceLeaf.TYPES) {
        types.add(t);
      }
      ArrayNode values = input.putArray("values");
      for (EvidenceLeaf l : leaves) {
        values
            .addArray()
            .add(l.device())
            .add(l.owner())
            .add(Numeric.toHexString(l.firstReading()))
            .add(Numeric.toHexString(l.lastReading()))
            .add(Long.toString(l.baselineWh()))
            .add(Long.toUnsignedString(l.deliveredWh()));
      }
      OpenZeppelinMerkle.assertSameTree(
          OpenZeppelinMerkle.run(input.toString()), tree.root(), size, tree::proof);
    }
  }

  @Test
  void rewardTreeEqualsOpenZeppelin() throws Exception {
    Map<String, BigInteger> cumulative = new LinkedHashMap<>();
    for (int i = 0; i < 9; i++) {
      cumulative.put(
          SettlementWorld.freshAddress(), new BigInteger(1 + RANDOM.nextInt(200), RANDOM));
    }
    RewardTree tree = new RewardTree(cumulative);
    List<String> owners = new ArrayList<>(tree.cumulative().keySet());

    ObjectNode input = TypedDataFixtures.JSON.createObjectNode();
    input.putArray("types").add("address").add("uint256");
    ArrayNode values = input.putArray("values");
    for (String owner : owners) {
      values.addArray().add(owner).add(tree.amountOf(owner).toString());
    }
    OpenZeppelinMerkle.assertSameTree(
        OpenZeppelinMerkle.run(input.toString()),
        tree.root(),
        owners.size(),
        i -> tree.proof(owners.get(i)));
  }

  @Test
  void settlementHashesEqualJava(Anvil anvil) throws Exception {
    ChainFixture chain = new ChainFixture(anvil);
    Settlement s = chain.settlement(chain.admin());
    BigInteger chainId = BigInteger.valueOf(anvil.chainId());

    FraudProofs fraudProofs = chain.fraudProofs(chain.admin());
    assertThat(fraudProofs.METER_READING_TYPEHASH().send())
        .isEqualTo(Hash.sha3(MeterTypedData.METER_READING_TYPE.getBytes(StandardCharsets.UTF_8)));
    assertThat(s.ATTESTATION_TYPEHASH().send())
        .isEqualTo(Hash.sha3(Attestations.ATTESTATION_TYPE.getBytes(StandardCharsets.UTF_8)));

    MeterTypedData meter = new MeterTypedData(chainId, chain.deployment().deviceRegistry());
    String device = SettlementWorld.freshAddress();
    for (MeterReading r :
        List.of(
            new MeterReading(device, 1, 1_700_000_000_000L, 0, 0, 0, 0),
            new MeterReading(
                device, Long.MAX_VALUE, 1_790_000_000_123L, 12_345, 67_890, -4_200, 1000),
            new MeterReading(device, 7, 5, Long.MAX_VALUE, 1, Long.MIN_VALUE, 999))) {
      assertThat(fraudProofs.readingDigest(SettlementWorld.toContract(r)).send())
          .as("%s", r)
          .isEqualTo(meter.digest(r));
    }

    for (EvidenceLeaf l :
        List.of(randomLeaf(-123_456), randomLeaf(Long.MIN_VALUE), randomLeaf(Long.MAX_VALUE))) {
      assertThat(fraudProofs.evidenceLeaf(SettlementWorld.toContract(l)).send())
          .isEqualTo(StandardMerkleTree.leafHash(l.abiEncoded()));
    }

    String owner = SettlementWorld.freshAddress();
    for (BigInteger amount :
        List.of(
            BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO.pow(256).subtract(BigInteger.ONE))) {
      assertThat(s.rewardLeaf(owner, amount).send())
          .isEqualTo(StandardMerkleTree.leafHash(RewardTree.encode(owner, amount)));
    }
  }

  private static EvidenceLeaf randomLeaf(long baselineWh) {
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    RANDOM.nextBytes(a);
    RANDOM.nextBytes(b);
    return new EvidenceLeaf(
        SettlementWorld.freshAddress(),
        SettlementWorld.freshAddress(),
        a,
        b,
        baselineWh,
        RANDOM.nextLong() & Long.MAX_VALUE);
  }
}
