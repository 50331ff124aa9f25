package org.openvpp.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.testing.TypedDataFixtures;
import org.web3j.utils.Numeric;

class StandardMerkleTreeTest {

  @Test
  void rootAndProofsMatchTheOpenZeppelinReferenceVector() {
    JsonNode vector = TypedDataFixtures.resource("/vectors/merkle-certificates.json");
    List<byte[]> values = new ArrayList<>();
    for (JsonNode v : vector.path("values")) {
      values.add(certificate(v).abiEncoded());
    }
    StandardMerkleTree tree = StandardMerkleTree.of(values);

    assertThat(Numeric.toHexString(tree.root())).isEqualTo(vector.path("root").asText());
    for (int i = 0; i < values.size(); i++) {
      List<String> expected = new ArrayList<>();
      vector.path("proofs").get(i).forEach(p -> expected.add(p.asText()));
      assertThat(tree.proof(i)).map(Numeric::toHexString).as("proof %d", i).isEqualTo(expected);
    }
  }

  @Test
  void everyProofVerifiesAndAForgedLeafDoesNot() {
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      values.add(new byte[] {(byte) i});
    }
    StandardMerkleTree tree = StandardMerkleTree.of(values);
    for (int i = 0; i < values.size(); i++) {
      byte[] leaf = StandardMerkleTree.leafHash(values.get(i));
      assertThat(StandardMerkleTree.verify(tree.root(), leaf, tree.proof(i))).isTrue();
    }
    byte[] forged = StandardMerkleTree.leafHash(new byte[] {42});
    assertThat(StandardMerkleTree.verify(tree.root(), forged, tree.proof(0))).isFalse();
  }

  @Test
  void aSingleValueTreeHasTheLeafAsRootAndAnEmptyProof() {
    StandardMerkleTree tree = StandardMerkleTree.of(List.of(new byte[] {1}));
    assertThat(tree.root()).isEqualTo(StandardMerkleTree.leafHash(new byte[] {1}));
    assertThat(tree.proof(0)).isEmpty();
  }

  @Test
  void anEmptyTreeIsRefused() {
    assertThatThrownBy(() -> StandardMerkleTree.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static DeviceCertificate certificate(JsonNode v) {
    return new DeviceCertificate(
        v.get(0).asText(),
        org.openvpp.contracts.identity.KeyType.values()[v.get(1).asInt()],
        v.get(2).asLong(),
        v.get(3).asLong(),
        v.get(4).asLong(),
        org.openvpp.contracts.identity.DeviceClass.fromOrdinal(v.get(5).asInt()),
        Numeric.hexStringToByteArray(v.get(6).asText()));
  }
}
