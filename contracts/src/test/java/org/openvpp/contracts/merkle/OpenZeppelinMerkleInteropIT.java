package org.openvpp.contracts.merkle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.KeyType;
import org.openvpp.contracts.testing.OpenZeppelinMerkle;
import org.openvpp.contracts.testing.TypedDataFixtures;
import org.web3j.utils.Numeric;

/** Fresh random certificate batches: Java's root and proofs against @openzeppelin/merkle-tree. */
class OpenZeppelinMerkleInteropIT {
  private static final SecureRandom RANDOM = new SecureRandom();

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 16, 33, 257})
  void javaTreeEqualsOpenZeppelinTree(int size) throws Exception {
    List<DeviceCertificate> certs = new ArrayList<>();
    ObjectNode input = TypedDataFixtures.JSON.createObjectNode();
    ArrayNode types = input.putArray("types");
    for (String t : DeviceCertificate.LEAF_TYPES) {
      types.add(t);
    }
    ArrayNode values = input.putArray("values");
    for (int i = 0; i < size; i++) {
      DeviceCertificate c = randomCertificate();
      certs.add(c);
      values
          .addArray()
          .add(c.device())
          .add(c.keyType().ordinal())
          .add(c.modelId())
          .add(c.ratedPowerW())
          .add(c.capacityWh())
          .add(c.deviceClass().ordinal())
          .add(Numeric.toHexString(c.serialHash()));
    }
    JsonNode oz = OpenZeppelinMerkle.run(input.toString());

    StandardMerkleTree tree =
        StandardMerkleTree.of(certs.stream().map(DeviceCertificate::abiEncoded).toList());
    OpenZeppelinMerkle.assertSameTree(oz, tree.root(), size, tree::proof);
  }

  private static DeviceCertificate randomCertificate() {
    byte[] device = new byte[20];
    byte[] serial = new byte[32];
    RANDOM.nextBytes(device);
    RANDOM.nextBytes(serial);
    return new DeviceCertificate(
        Numeric.toHexString(device),
        KeyType.SECP256K1,
        RANDOM.nextInt(100),
        1 + RANDOM.nextInt(50_000),
        RANDOM.nextInt(100_000),
        DeviceClass.fromOrdinal(RANDOM.nextInt(5)),
        serial);
  }
}
