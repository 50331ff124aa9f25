package org.openvpp.testnet.bench;

import java.util.Map;

/** Renders the gas ledger as the Markdown table in bench/gas.md. */
final class GasMarkdown {
  private GasMarkdown() {}

  static String render(Map<String, Object> entries, Map<String, Object> meta) {
    StringBuilder md = new StringBuilder();
    md.append("# Gas per contract operation\n\n");
    md.append("Written by `").append(meta.get("command")).append("` (see bench/README.md); ");
    md.append("the same figures are in `gas.json`.\n\n");
    md.append("- machine: ").append(meta.get("machine")).append('\n');
    md.append("- compiler: ").append(meta.get("compiler")).append('\n');
    md.append("- chain: ").append(meta.get("chain")).append('\n');
    md.append("- measured: ").append(meta.get("measuredAt")).append("\n\n");
    md.append("| operation | gas |\n|---|---:|\n");
    entries.forEach(
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
    md.append(
        "\nBulk onboarding = one `publishBatch` (the root) plus one `registerFromBatch` per device;"
            + " per-device registration gas grows with the proof length (log2 of the batch size)."
            + " `perDevice` is the total divided by the batch size.\n");
    return md.toString();
  }

  private static String fmt(Object v) {
    return v instanceof Number n ? String.format("%,d", n.longValue()) : String.valueOf(v);
  }
}
