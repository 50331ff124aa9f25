package org.openvpp.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the YAML config file into flat dotted keys ({@code chain: {rpc-url: …}} is {@code
 * chain.rpc-url}). Unknown keys, a mapping or list where a single value belongs, and unparsable
 * YAML are problems naming the key and the file.
 */
final class YamlConfigFile {
  private static final YAMLMapper YAML = new YAMLMapper();

  /** The pseudo-key of problems with the file as a whole. */
  static final String FILE_KEY = "config file";

  private final String source;
  private final Path file;
  private final Map<String, RawValue> values = new LinkedHashMap<>();
  private final List<ConfigProblem> problems = new ArrayList<>();

  private YamlConfigFile(Path file) {
    this.source = "config file " + file;
    this.file = file;
  }

  /** The file's values and its problems; a missing file is a problem only when required. */
  static YamlConfigFile read(Path file, boolean required) {
    YamlConfigFile result = new YamlConfigFile(file);
    if (!Files.exists(file) && !required) {
      return result;
    }
    try {
      JsonNode root = YAML.readTree(Files.readString(file));
      if (root == null || root.isMissingNode() || root.isNull()) {
        return result; // an empty file: every key keeps its default
      }
      if (!root.isObject()) {
        result.fileProblem("the file must be a YAML mapping of keys, e.g. 'api: {port: 8645}'");
        return result;
      }
      result.walk("", root);
    } catch (NoSuchFileException e) {
      result.fileProblem("the file does not exist: check the path or run `vpp node init`");
    } catch (JsonProcessingException e) {
      result.fileProblem(
          "not valid YAML at line "
              + e.getLocation().getLineNr()
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      result.fileProblem("cannot read the file: " + e.getMessage());
    }
    return result;
  }

  Map<String, RawValue> values() {
    return values;
  }

  List<ConfigProblem> problems() {
    return problems;
  }

  private void walk(String prefix, JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      Optional<ConfigKey> key = ConfigKeys.find(name);
      if (key.isPresent()) {
        leaf(key.get(), field.getValue());
      } else if (field.getValue().isObject() && isSection(name)) {
        walk(name, field.getValue());
      } else {
        problem(name, "unknown key" + suggestion(name));
      }
    }
  }

  private void leaf(ConfigKey key, JsonNode value) {
    if (value.isNull()) {
      values.put(key.name(), new RawValue("", source));
    } else if (value.isValueNode()) {
      values.put(key.name(), new RawValue(value.asText(), source));
    } else if (value.isArray() && key.list()) {
      List<String> items = new ArrayList<>();
      for (JsonNode item : value) {
        if (!item.isValueNode()) {
          problem(key.name(), "wrong type: every list item must be a single value");
          return;
        }
        items.add(item.asText());
      }
      values.put(key.name(), new RawValue(String.join(",", items), source));
    } else {
      problem(
          key.name(),
          "wrong type: expected a single value, got a " + (value.isArray() ? "list" : "mapping"));
    }
  }

  private static boolean isSection(String name) {
    return ConfigKeys.ALL.stream().anyMatch(k -> k.section().equals(name));
  }

  private static String suggestion(String name) {
    String leaf = name.substring(name.lastIndexOf('.') + 1);
    return ConfigKeys.ALL.stream()
        .filter(k -> k.leaf().equals(leaf) || k.name().replace("-", "").equals(name))
        .findFirst()
        .map(k -> " (did you mean " + k.name() + "?)")
        .orElse(": see node/README.md for the keys");
  }

  private void fileProblem(String reason) {
    problems.add(new ConfigProblem(FILE_KEY, file.toString(), reason));
  }

  private void problem(String key, String reason) {
    problems.add(new ConfigProblem(key, source, reason));
  }
}
