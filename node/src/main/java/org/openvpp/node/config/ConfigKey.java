package org.openvpp.node.config;

import java.util.Locale;

/**
 * One configuration key: its dotted name (the path in the YAML file), its default ("" = none;
 * {@code ${data-dir}} stands for the data directory) and what it means. The environment variable
 * and the flag are derived from the name, so the three sources can never disagree on spelling.
 */
public record ConfigKey(String name, String defaultValue, boolean list, String description) {

  /** {@code chain.rpc-url} is {@code VPP_NODE_CHAIN_RPC_URL}. */
  public String envName() {
    return "VPP_NODE_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** {@code chain.rpc-url} is {@code --chain-rpc-url}. */
  public String flag() {
    return "--" + name.replace('.', '-');
  }

  /** The YAML section ({@code chain}), or empty for a top-level key. */
  public String section() {
    int dot = name.indexOf('.');
    return dot < 0 ? "" : name.substring(0, dot);
  }

  /** The name inside its section ({@code rpc-url}). */
  public String leaf() {
    return name.substring(name.indexOf('.') + 1);
  }
}
