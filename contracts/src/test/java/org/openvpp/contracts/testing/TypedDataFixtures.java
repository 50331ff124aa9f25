package org.openvpp.contracts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.openvpp.contracts.eip712.Eip712;
import org.openvpp.contracts.eip712.Eip712Domain;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.KeyType;
import org.openvpp.contracts.identity.OwnerBinding;
import org.web3j.utils.Numeric;

/** Reads the shared EIP-712 vectors and turns their typed-data JSON into our Java records. */
public final class TypedDataFixtures {
  public static final ObjectMapper JSON = new ObjectMapper();

  private TypedDataFixtures() {}

  public static JsonNode resource(String path) {
    try (InputStream in = TypedDataFixtures.class.getResourceAsStream(path)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Eip712Domain domain(JsonNode typedData) {
    JsonNode d = typedData.path("domain");
    return new Eip712Domain(
        d.path("name").asText(),
        d.path("version").asText(),
        d.path("chainId").asLong(),
        d.path("verifyingContract").asText());
  }

  /** The EIP-712 digest of a vector's typed data, computed by our Java records. */
  public static byte[] digest(JsonNode typedData) {
    JsonNode m = typedData.path("message");
    byte[] structHash =
        switch (typedData.path("primaryType").asText()) {
          case "DeviceCertificate" -> certificate(m).structHash();
          case "Bind" ->
              new OwnerBinding(m.path("owner").asText(), new BigInteger(m.path("nonce").asText()))
                  .structHash();
          default -> throw new IllegalArgumentException("unknown primary type");
        };
    return Eip712.digest(domain(typedData), structHash);
  }

  public static DeviceCertificate certificate(JsonNode m) {
    return new DeviceCertificate(
        m.path("device").asText(),
        KeyType.values()[m.path("keyType").asInt()],
        m.path("modelId").asLong(),
        m.path("ratedPowerW").asLong(),
        m.path("capacityWh").asLong(),
        DeviceClass.fromOrdinal(m.path("deviceClass").asInt()),
        Numeric.hexStringToByteArray(m.path("serialHash").asText()));
  }
}
