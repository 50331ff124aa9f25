package org.openvpp.wallet.rewards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openvpp.wallet.cli.WalletException;
import org.web3j.utils.Numeric;

/**
 * Reads the claim-proof JSON format (wallet-cli/README.md, "Claim-proof file"): one claim object,
 * or an array of them, which is also what a node's {@code GET /v1/rewards/{owner}} returns. Every
 * field is checked here so a malformed proof is a usage error naming its source, never a revert.
 */
final class ClaimProofs {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADDRESS = "0x[0-9a-fA-F]{40}";

  private ClaimProofs() {}

  static List<ClaimProof> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw WalletException.usage(file + " does not exist: give the path of a claim-proof file");
    }
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw WalletException.usage("cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * Writes claims in the format {@link #read} takes, as an array (what a node hands out): written
   * to a temporary file and moved into place, so a reader never sees half a proof.
   */
  static void write(Path file, List<ClaimProof> claims) throws IOException {
    var array = JSON.createArrayNode();
    for (ClaimProof c : claims) {
      var o = array.addObject();
      o.put("chainId", c.chainId());
      o.put("settlement", c.settlement());
      o.put("node", c.node());
      o.put("owner", c.owner());
      o.put("cumulativeAmount", c.cumulativeAmount().toString());
      var proof = o.putArray("proof");
      c.proofHex().forEach(proof::add);
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(
          tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n");
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static List<ClaimProof> parse(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw bad(source, "not JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !(root.isObject() || root.isArray())) {
      throw bad(source, "expected a claim object or an array of them");
    }
    List<ClaimProof> claims = new ArrayList<>();
    if (root.isObject()) {
      claims.add(claim(root, source));
    } else {
      for (JsonNode n : root) {
        claims.add(claim(n, source));
      }
    }
    return claims;
  }

  private static ClaimProof claim(JsonNode n, String source) {
    if (!n.isObject()) {
      throw bad(source, "every claim must be a JSON object");
    }
    JsonNode chainId = n.path("chainId");
    if (!chainId.canConvertToLong() || chainId.asLong() <= 0) {
      throw bad(source, "chainId must be a positive number");
    }
    String amount = text(n, "cumulativeAmount", source);
    if (!amount.matches("[0-9]{1,78}")) {
      throw bad(
          source, "cumulativeAmount must be a decimal string of FLEX wei, got '" + amount + "'");
    }
    JsonNode proof = n.path("proof");
    if (!proof.isArray()) {
      throw bad(source, "proof must be a list of 0x bytes32 hex strings");
    }
    List<byte[]> words = new ArrayList<>();
    for (JsonNode p : proof) {
      if (!p.isTextual() || !p.asText().matches("0x[0-9a-fA-F]{64}")) {
        throw bad(source, "proof entry " + p + " is not a 0x bytes32 hex string");
      }
      words.add(Numeric.hexStringToByteArray(p.asText()));
    }
    return new ClaimProof(
        chainId.asLong(),
        address(n, "settlement", source),
        address(n, "node", source),
        address(n, "owner", source),
        new BigInteger(amount),
        words,
        source);
  }

  private static String address(JsonNode n, String field, String source) {
    String value = text(n, field, source);
    if (!value.matches(ADDRESS)) {
      throw bad(source, field + " must be 0x followed by 40 hex digits, got '" + value + "'");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private static String text(JsonNode n, String field, String source) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw bad(source, "missing or non-text field '" + field + "'");
    }
    return v.asText();
  }

  private static WalletException bad(String source, String what) {
    return WalletException.usage(
        source + " is not a claim proof: " + what + " (format: `vpp-wallet rewards --help`)");
  }
}
