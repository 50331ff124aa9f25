package org.openvpp.contracts.eip712;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openvpp.contracts.testing.TypedDataFixtures;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * Java's EIP-712 digests against the shared vectors signed by Foundry's cast
 * (scripts/make-eip712-vectors.sh). Deterministic signing (RFC 6979) on both sides means equal
 * signatures prove equal digests.
 */
class Eip712VectorsTest {

  record Vector(String name, JsonNode typedData, String privateKey, String castSignature) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Vector> vectors() {
    JsonNode signed = TypedDataFixtures.resource("/vectors/eip712.json");
    JsonNode typed = TypedDataFixtures.resource("/vectors/eip712-typed-data.json");
    List<Vector> out = new ArrayList<>();
    for (int i = 0; i < signed.size(); i++) {
      assertThat(signed.get(i).path("name").asText()).isEqualTo(typed.get(i).path("name").asText());
      out.add(
          new Vector(
              typed.get(i).path("name").asText(),
              typed.get(i).path("typedData"),
              signed.get(i).path("privateKey").asText(),
              signed.get(i).path("castSignature").asText()));
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void javaSignatureOverJavaDigestEqualsCastSignature(Vector v) {
    Credentials key = Credentials.create(v.privateKey());
    byte[] digest = TypedDataFixtures.digest(v.typedData());
    assertThat(Numeric.toHexString(Signatures.sign(digest, key.getEcKeyPair())))
        .isEqualTo(v.castSignature());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void castSignatureRecoversToTheSignerOverJavaDigest(Vector v) {
    byte[] digest = TypedDataFixtures.digest(v.typedData());
    assertThat(Signatures.recoverAddress(digest, Numeric.hexStringToByteArray(v.castSignature())))
        .contains(Credentials.create(v.privateKey()).getAddress());
  }
}
