package org.openvpp.node.app;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openvpp.node.config.ConfigKey;
import org.openvpp.node.config.ConfigKeys;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One flag per config key ({@code chain.rpc-url} is {@code --chain-rpc-url}), generated from {@link
 * ConfigKeys}, so a key added there is a flag at once. Values stay text here; the config reader
 * checks them like values from the file or the environment.
 */
public final class KeyFlags {
  private KeyFlags() {}

  public static void addTo(CommandSpec spec) {
    for (ConfigKey key : ConfigKeys.ALL) {
      spec.addOption(
          OptionSpec.builder(key.flag())
              .paramLabel(key.list() ? "A,B" : "VALUE")
              .type(String.class)
              .description(
                  key.description()
                      + " (env "
                      + key.envName()
                      + (key.defaultValue().isEmpty()
                          ? ")"
                          : ", default " + key.defaultValue() + ")"))
              .build());
    }
  }

  /** The flags given on this command line, by key name. */
  public static Map<String, String> given(CommandSpec spec) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      OptionSpec o = spec.findOption(key.flag());
      if (o != null && !o.originalStringValues().isEmpty()) {
        out.put(key.name(), o.getValue());
      }
    }
    return out;
  }
}
