package org.openvpp.contracts.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Decodes revert data into the contracts' custom errors (generated Web3j wrappers only know {@code
 * Error(string)}): a table of every error in every compiled contract's ABI, keyed by its 4-byte
 * selector, read from {@code solidity/artifacts.json} on the classpath.
 */
public final class ContractErrors {
  private static final ContractErrors INSTANCE = load();

  private final Map<String, ErrorAbi> bySelector;

  private ContractErrors(Map<String, ErrorAbi> bySelector) {
    this.bySelector = bySelector;
  }

  /** The errors of every contract compiled by this build. */
  public static ContractErrors all() {
    return INSTANCE;
  }

  /** One custom error as declared in Solidity. */
  record ErrorAbi(String name, List<String> types) {
    String signature() {
      return name + "(" + String.join(",", types) + ")";
    }
  }

  /** A decoded revert: the error's name and its arguments rendered as text. */
  public record DecodedError(String name, List<String> arguments) {
    @Override
    public String toString() {
      return name + "(" + String.join(", ", arguments) + ")";
    }
  }

  /** Decodes {@code 0x}-prefixed revert data; empty if the selector is unknown. */
  public Optional<DecodedError> decode(String revertData) {
    if (revertData == null || revertData.length() < 10) {
      return Optional.empty();
    }
    ErrorAbi error = bySelector.get(revertData.substring(0, 10).toLowerCase(java.util.Locale.ROOT));
    if (error == null) {
      return Optional.empty();
    }
    List<String> arguments = new ArrayList<>();
    if (!error.types().isEmpty()) {
      List<TypeReference<Type>> refs = new ArrayList<>();
      for (String type : error.types()) {
        try {
          refs.add(TypeReference.makeTypeReference(type));
        } catch (ClassNotFoundException e) {
          return Optional.of(new DecodedError(error.name(), List.of(revertData.substring(10))));
        }
      }
      for (Type<?> value : FunctionReturnDecoder.decode("0x" + revertData.substring(10), refs)) {
        Object v = value.getValue();
        arguments.add(v instanceof byte[] b ? Numeric.toHexString(b) : String.valueOf(v));
      }
    }
    return Optional.of(new DecodedError(error.name(), arguments));
  }

  private static ContractErrors load() {
    Map<String, ErrorAbi> map = new HashMap<>();
    addStandard(map, new ErrorAbi("Error", List.of("string")));
    addStandard(map, new ErrorAbi("Panic", List.of("uint256")));
    try (InputStream in = ContractErrors.class.getResourceAsStream("/solidity/artifacts.json")) {
      if (in == null) {
        throw new IllegalStateException("solidity/artifacts.json missing from the classpath");
      }
      JsonNode contracts = new ObjectMapper().readTree(in).path("contracts");
      contracts.forEach(
          contract ->
              contract
                  .path("abi")
                  .forEach(
                      entry -> {
                        if ("error".equals(entry.path("type").asText())) {
                          List<String> types = new ArrayList<>();
                          entry.path("inputs").forEach(in2 -> types.add(in2.path("type").asText()));
                          addStandard(map, new ErrorAbi(entry.path("name").asText(), types));
                        }
                      }));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ContractErrors(Map.copyOf(map));
  }

  private static void addStandard(Map<String, ErrorAbi> map, ErrorAbi error) {
    String selector = Numeric.toHexString(Hash.sha3(error.signature().getBytes())).substring(0, 10);
    map.put(selector, error);
  }
}
