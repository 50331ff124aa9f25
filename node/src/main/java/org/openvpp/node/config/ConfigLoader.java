package org.openvpp.node.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the node's configuration. Each key comes from, first match wins: its flag, its {@code
 * VPP_NODE_*} environment variable, the YAML config file, the default. The config file is {@code
 * --config}, else {@code VPP_NODE_CONFIG}, else {@link #DEFAULT_FILE} when it exists.
 */
public final class ConfigLoader {
  /** Where {@code vpp node init} writes the config and {@code vpp node} looks for it. */
  public static final Path DEFAULT_FILE = Path.of("data/node/node.yaml");

  private ConfigLoader() {}

  /** The config file this run uses, and whether the user named it (then it must exist). */
  public record FileChoice(Path path, boolean explicit) {}

  public static FileChoice configFile(Optional<Path> flag, Map<String, String> env) {
    if (flag.isPresent()) {
      return new FileChoice(flag.get(), true);
    }
    String fromEnv = env.get(ConfigKeys.CONFIG_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new FileChoice(Path.of(fromEnv.trim()), true);
    }
    return new FileChoice(DEFAULT_FILE, false);
  }

  /**
   * Merges the sources and validates every key.
   *
   * @param flags values given as flags, by key name (only the flags actually given)
   * @throws ConfigException listing every problem, each naming its key and source
   */
  public static NodeConfig load(
      FileChoice file, Map<String, String> env, Map<String, String> flags) {
    List<ConfigProblem> problems = new ArrayList<>();
    YamlConfigFile yaml = YamlConfigFile.read(file.path(), file.explicit());
    problems.addAll(yaml.problems());
    Map<String, RawValue> merged = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      merged.put(key.name(), new RawValue(key.defaultValue(), "default"));
    }
    merged.putAll(yaml.values());
    merged.putAll(fromEnv(env, problems));
    flags.forEach((k, v) -> merged.put(k, new RawValue(v, "flag " + ConfigKeys.get(k).flag())));
    if (!problems.isEmpty()) {
      // Report file and environment problems together with the value problems.
      try {
        NodeConfigReader.read(merged);
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
      throw new ConfigException(problems);
    }
    return NodeConfigReader.read(merged);
  }

  /** {@code VPP_NODE_*} variables; one that names no key is a typo and reported. */
  private static Map<String, RawValue> fromEnv(Map<String, String> env, List<ConfigProblem> out) {
    Map<String, RawValue> values = new LinkedHashMap<>();
    Map<String, ConfigKey> byEnv = new LinkedHashMap<>();
    ConfigKeys.ALL.forEach(k -> byEnv.put(k.envName(), k));
    env.forEach(
        (name, value) -> {
          if (!name.startsWith("VPP_NODE_")) {
            return;
          }
          ConfigKey key = byEnv.get(name);
          if (key != null) {
            values.put(key.name(), new RawValue(value, "environment " + name));
          } else if (!name.equals(ConfigKeys.PASSWORD_ENV) && !name.equals(ConfigKeys.CONFIG_ENV)) {
            out.add(
                new ConfigProblem(
                    name, "environment", "unknown variable: see node/README.md for the keys"));
          }
        });
    return values;
  }
}
