package org.openvpp.node.config;

/**
 * One thing wrong with the configuration: the key, where its value came from, and why it is wrong
 * in words an operator can act on.
 */
public record ConfigProblem(String key, String source, String reason) {
  public String message() {
    return key + (source.isEmpty() ? "" : " (" + source + ")") + ": " + reason;
  }
}
