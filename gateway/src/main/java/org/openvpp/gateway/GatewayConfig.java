package org.openvpp.gateway;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's own config section ({@code gateway.*}); adapter sections ({@code
 * gateway.sunspec.*}, {@code gateway.ocpp.*}) are parsed by their adapters. Every key is documented
 * in gateway/README.md; unknown {@code gateway.} keys outside the adapter sections are refused.
 *
 * @param brokerUrl the node's MQTT broker the devices connect to
 * @param nodeAddress the node whose commands the devices obey
 * @param chainId EIP-712 chain id
 * @param deviceRegistry DeviceRegistry address (EIP-712 verifying contract)
 * @param keysDir directory of the wallet files
 * @param passwordFile file holding the key password (else {@code VPP_GATEWAY_KEY_PASSWORD})
 * @param journalDir directory of the per-device journals
 * @param journalCapacity unreceipted readings kept per device before signing pauses
 */
public record GatewayConfig(
    String brokerUrl,
    String nodeAddress,
    BigInteger chainId,
    String deviceRegistry,
    Path keysDir,
    Optional<Path> passwordFile,
    Path journalDir,
    int journalCapacity) {
  static final Set<String> ADAPTER_PREFIXES = Set.of("gateway.sunspec.", "gateway.ocpp.");
  static final Set<String> KEYS =
      Set.of(
          "gateway.broker.url",
          "gateway.node.address",
          "gateway.chain.id",
          "gateway.device.registry",
          "gateway.keys.dir",
          "gateway.keys.password-file",
          "gateway.journal.dir",
          "gateway.journal.capacity");

  public static GatewayConfig parse(Map<String, String> p) {
    for (String k : p.keySet()) {
      if (k.startsWith("gateway.")
          && !KEYS.contains(k)
          && ADAPTER_PREFIXES.stream().noneMatch(k::startsWith)) {
        throw new IllegalArgumentException("unknown key " + k + " (gateway keys: " + KEYS + ")");
      }
    }
    String node = required(p, "gateway.node.address").toLowerCase(java.util.Locale.ROOT);
    String registry = required(p, "gateway.device.registry").toLowerCase(java.util.Locale.ROOT);
    for (String a : new String[] {node, registry}) {
      if (!a.matches("0x[0-9a-f]{40}")) {
        throw new IllegalArgumentException("not an address: " + a);
      }
    }
    int capacity = (int) number(p, "gateway.journal.capacity", 10_000);
    if (capacity < 1 || capacity > 1_000_000) {
      throw new IllegalArgumentException("gateway.journal.capacity must be 1..1000000");
    }
    return new GatewayConfig(
        required(p, "gateway.broker.url"),
        node,
        BigInteger.valueOf(number(p, "gateway.chain.id", 31337)),
        registry,
        Path.of(p.getOrDefault("gateway.keys.dir", "./data/gateway/keys")),
        Optional.ofNullable(p.get("gateway.keys.password-file"))
            .filter(s -> !s.isBlank())
            .map(Path::of),
        Path.of(p.getOrDefault("gateway.journal.dir", "./data/gateway/journal")),
        capacity);
  }

  private static String required(Map<String, String> p, String key) {
    String v = p.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(key + " is required");
    }
    return v.strip();
  }

  private static long number(Map<String, String> p, String key, long dflt) {
    String v = p.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, not " + v);
    }
  }
}
