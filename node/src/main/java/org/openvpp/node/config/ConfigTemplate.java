package org.openvpp.node.config;

import java.util.List;

/**
 * The commented YAML file {@code vpp node init} writes: every key, in README order, with what it
 * means and its default, set to the value init was given (or the default).
 */
public final class ConfigTemplate {
  private ConfigTemplate() {}

  public static String render(NodeConfig config) {
    StringBuilder out = new StringBuilder();
    out.append("# Open VPP node configuration, written by `vpp node init`.\n")
        .append("# Precedence: flag > VPP_NODE_* environment variable > this file > default.\n")
        .append("# Relative paths are relative to the directory the node is started in.\n")
        .append("# Every key is described in node/README.md.\n");
    String section = null;
    for (ConfigKey key : ConfigKeys.ALL) {
      if (!key.section().equals(section)) {
        section = key.section();
        out.append('\n');
        if (!section.isEmpty()) {
          out.append(section).append(":\n");
        }
      }
      String indent = section.isEmpty() ? "" : "  ";
      out.append(indent)
          .append("# ")
          .append(key.description())
          .append(" (default: ")
          .append(key.defaultValue().isEmpty() ? "none" : key.defaultValue())
          .append(")\n");
      RawValue v = config.effective().get(key.name());
      String text = v == null ? key.defaultValue() : v.text();
      out.append(indent).append(key.section().isEmpty() ? key.name() : key.leaf()).append(": ");
      if (key.list()) {
        List<String> items = text.isBlank() ? List.of() : List.of(text.split(","));
        out.append(items.isEmpty() ? "[]" : "");
        out.append('\n');
        items.forEach(i -> out.append(indent).append("  - ").append(quote(i.trim())).append('\n'));
      } else {
        out.append(quote(text)).append('\n');
      }
    }
    return out.toString();
  }

  /** Double-quoted YAML scalar: every value reads back as the same text. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
