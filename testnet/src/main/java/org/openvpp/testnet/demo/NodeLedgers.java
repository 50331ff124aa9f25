package org.openvpp.testnet.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openvpp.contracts.evidence.RewardLedger;

/**
 * The demo nodes' finalized reward ledgers, kept between runs as a real node keeps its own: a
 * node's next reward root must add to everything it finalized before (Settlement checks the total),
 * and owners' proofs are built from the whole ledger. Tied to one network (chain id + Settlement
 * address); a file from another network reads as empty, and the caller checks every ledger it
 * resumes against the node's root on-chain.
 */
public final class NodeLedgers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long chainId;
  private final String settlement;
  private final Map<String, RewardLedger> byNode = new TreeMap<>();

  private NodeLedgers(long chainId, String settlement) {
    this.chainId = chainId;
    this.settlement = settlement.toLowerCase(Locale.ROOT);
  }

  public static NodeLedgers load(Path file, long chainId, String settlement) {
    NodeLedgers ledgers = new NodeLedgers(chainId, settlement);
    if (!Files.isRegularFile(file)) {
      return ledgers;
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      if (root.path("chainId").asLong() != chainId
          || !root.path("settlement").asText().equalsIgnoreCase(settlement)) {
        return ledgers;
      }
      for (Iterator<Map.Entry<String, JsonNode>> nodes = root.path("nodes").fields();
          nodes.hasNext(); ) {
        Map.Entry<String, JsonNode> node = nodes.next();
        Map<String, BigInteger> amounts = new TreeMap<>();
        node.getValue().fields().forEachRemaining(e -> amounts.put(e.getKey(), amount(e)));
        ledgers.byNode.put(node.getKey().toLowerCase(Locale.ROOT), new RewardLedger(amounts));
      }
      return ledgers;
    } catch (IOException | RuntimeException e) {
      throw new DemoException(
          DemoException.USAGE,
          "cannot read the node ledgers in "
              + file
              + " ("
              + e.getMessage()
              + "): delete it only"
              + " together with a restart of ./vpp testnet",
          e);
    }
  }

  private static BigInteger amount(Map.Entry<String, JsonNode> e) {
    return new BigInteger(e.getValue().asText());
  }

  /** The node's ledger, empty if it never finalized a root on this network. */
  public RewardLedger get(String node) {
    return byNode.getOrDefault(node.toLowerCase(Locale.ROOT), new RewardLedger());
  }

  public void put(String node, RewardLedger ledger) {
    byNode.put(node.toLowerCase(Locale.ROOT), ledger);
  }

  public Map<String, RewardLedger> all() {
    return java.util.Collections.unmodifiableMap(byNode); // sorted by node address
  }

  /** Writes to a temporary file and moves it into place, so a crash never leaves half a file. */
  public void save(Path file) {
    ObjectNode root = JSON.createObjectNode();
    root.put("chainId", chainId);
    root.put("settlement", settlement);
    ObjectNode nodes = root.putObject("nodes");
    byNode.forEach(
        (node, ledger) -> {
          ObjectNode amounts = nodes.putObject(node);
          new TreeMap<>(ledger.cumulative()).forEach((o, a) -> amounts.put(o, a.toString()));
        });
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new DemoException(
          DemoException.FAILED, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
