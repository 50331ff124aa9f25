package org.openvpp.testnet.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the gas ledger as bench/gas.md: one table per contract, then the figures at scale. */
final class GasMarkdown {
  static final String AMORTIZED = "amortizedGasPerDevicePerSettledRequest";
  static final String AMORTIZED_TOTAL = "amortizedGasTotalPerSettledRequest";
  private static final List<String> CONTRACTS =
      List.of(
          "FlexToken", "DeviceRegistry", "NodeRegistry", "FlexibilityCoordinator", "Settlement");

  private GasMarkdown() {}

  static String render(Map<String, Object> entries, Map<String, Object> meta) {
    StringBuilder md = new StringBuilder();
    md.append("# Gas per contract operation\n\n");
    md.append("Written by `").append(meta.get("command")).append("` (see bench/README.md); ");
    md.append("the same figures are in `gas.json`.\n\n");
    md.append("## How measured\n\n");
    md.append("- command: `")
        .append(meta.get("command"))
        .append("` from the repository root (a fresh local network per run)\n");
    md.append("- machine: ").append(meta.get("machine")).append('\n');
    md.append("- compiler: ").append(meta.get("compiler")).append('\n');
    md.append("- chain: ").append(meta.get("chain")).append('\n');
    md.append("- measured: ").append(meta.get("measuredAt")).append("\n\n");
    md.append(
        "Every figure is the `gasUsed` of one mined transaction that succeeded, with the default"
            + " deployment parameters (5 committee seats, quorum 3, 2 % attestor fee). Gas is"
            + " deterministic for a given input shape, except where the drawn committee matters:"
            + " `drawCommittee` varies with the number of draws the seed needs, and `attest` and"
            + " `finalize` cost more per signer that has no open obligation or holds no fees yet"
            + " (new storage slots), so the evidence totals below move by a few percent from run to"
            + " run.\n");

    Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
    CONTRACTS.forEach(c -> groups.put(c, new LinkedHashMap<>()));
    Map<String, Object> other = new LinkedHashMap<>();
    entries.forEach(
        (key, value) -> {
          int dot = key.indexOf('.');
          String prefix = dot < 0 ? "" : key.substring(0, dot);
          if (groups.containsKey(prefix)) {
            groups.get(prefix).put(key.substring(dot + 1), value);
          } else if (!key.equals(AMORTIZED) && !key.equals(AMORTIZED_TOTAL)) {
            other.put(key, value);
          }
        });
    groups.forEach(
        (contract, ops) -> {
          if (!ops.isEmpty()) {
            md.append("\n## ").append(contract).append("\n\n");
            table(md, ops);
          }
        });
    md.append(
        "\nMarket: 16 nodes staked 2,000 FLEX each in one zone, requests of 15 minutes."
            + " `postRequest`, `commitBid` and `revealBid` are from a request with 4 bids (its first"
            + " commit and reveal). `clear [n]` clears n revealed bids, all of them awarded and"
            + " priced in falling commit order (the caller supplies the merit order, the contract"
            + " checks it). `submitEvidence`, `drawCommittee`, `attest` and `finalize` are from the"
            + " 100-device request below (the node's first root; `attest` records 3 signatures of a"
            + " 5-seat committee in one transaction, `finalize` credits their fees and pays the"
            + " award out of escrow). `claim` is one owner's claim with a proof into a"
            + " 100-owner reward root; `claimMany` holds 5 such claims. `challenge` proves an"
            + " evidence leaf above the device's rated power, the deepest check, and slashes the"
            + " node. `submitContribution` posts 10 devices' exports of the previous epoch.\n");

    if (entries.get(AMORTIZED) instanceof Map<?, ?> perDevice
        && entries.get(AMORTIZED_TOTAL) instanceof Map<?, ?> totals) {
      md.append("\n## Evidence cost per device\n\n");
      md.append(
          "| devices in the root | submitEvidence + drawCommittee + attest + finalize | per device"
              + " |\n");
      md.append("|---:|---:|---:|\n");
      perDevice.forEach(
          (n, gas) ->
              md.append("| ")
                  .append(fmt(Long.parseLong(String.valueOf(n))))
                  .append(" | ")
                  .append(fmt(totals.get(n)))
                  .append(" | ")
                  .append(fmt(gas))
                  .append(" |\n"));
      md.append(
          "\nOne node settles one request whose evidence root holds n devices: each device signed"
              + " its first and last reading of the window (EIP-712, its own key), each leaf is"
              + " built from them in Java and each device has its own owner in the reward root."
              + " The chain sees two roots whatever n is, so the cost per device falls as 1/n."
              + " Owner claims are not included (`"
              + AMORTIZED
              + "` and `"
              + AMORTIZED_TOTAL
              + "` in gas.json).\n");
    }

    if (!other.isEmpty()) {
      md.append("\n## Bulk onboarding and claims at scale\n\n");
      table(md, other);
      md.append(
          "\nBulk onboarding = one `publishBatch` (the root) plus one `registerFromBatch` per"
              + " device; per-device registration gas grows with the proof length (log2 of the"
              + " batch size). `perDevice` is the total divided by the batch size."
              + " `claimGas<n>Settlements` is one owner's single `claim` after one node settled n"
              + " requests with the owner's device in each; the harness checks that it pays"
              + " exactly the sum of the owner's n credits.\n");
    }
    return md.toString();
  }

  private static void table(StringBuilder md, Map<String, Object> rows) {
    md.append("| operation | gas |\n|---|---:|\n");
    rows.forEach(
        (op, value) -> {
          if (value instanceof Map<?, ?> nested) {
            nested.forEach(
                (k, v) ->
                    md.append("| ")
                        .append(op)
                        .append(" [")
                        .append(k)
                        .append("] | ")
                        .append(fmt(v))
                        .append(" |\n"));
          } else {
            md.append("| ").append(op).append(" | ").append(fmt(value)).append(" |\n");
          }
        });
  }

  private static String fmt(Object v) {
    if (v instanceof Double d) {
      return String.format("%,.2f", d);
    }
    return v instanceof Number n ? String.format("%,d", n.longValue()) : String.valueOf(v);
  }
}
