package org.openvpp.node.config;

/**
 * A setting as given, before it is parsed, with where it came from so an error can say which file
 * line, environment variable or flag to fix.
 *
 * @param source e.g. "default", "config file node.yaml", "environment VPP_NODE_API_PORT"
 */
public record RawValue(String text, String source) {
  public boolean isEmpty() {
    return text.isBlank();
  }
}
