package org.openvpp.node.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used; every problem found is listed, not only the first. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(
        problems.stream()
            .map(ConfigProblem::message)
            .collect(Collectors.joining(System.lineSeparator())));
    this.problems = List.copyOf(problems);
  }

  public static ConfigException of(String key, String source, String reason) {
    return new ConfigException(List.of(new ConfigProblem(key, source, reason)));
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
