package org.openvpp.testnet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openvpp.contracts.devchain.Toolchain;
import org.openvpp.testnet.LocalTestnet;
import org.openvpp.testnet.TestnetConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vpp gas-report}: measures the gas of every state-changing contract operation on a fresh
 * local network and writes {@code bench/gas.json} (operation → gas) and {@code bench/gas.md}. Gas
 * is deterministic for a given compiler, settings and input shape, so one run suffices; batch
 * registrations vary with proof length and report average and maximum.
 */
@Command(
    name = "vpp gas-report",
    mixinStandardHelpOptions = true,
    description = "Measure gas per contract operation into bench/gas.json and bench/gas.md.")
public final class GasReport implements Callable<Integer> {
  static final String COMMAND = "./vpp gas-report";

  @Option(
      names = "--batch-sizes",
      split = ",",
      defaultValue = "1,100,10000",
      description = "bulk-onboarding batch sizes (default ${DEFAULT-VALUE})")
  List<Integer> batchSizes;

  @Option(
      names = "--evidence-sizes",
      split = ",",
      defaultValue = "1,100,10000",
      description =
          "devices per settled evidence root for the amortized figures (default ${DEFAULT-VALUE})")
  List<Integer> evidenceSizes;

  @Option(
      names = "--claim-rounds",
      defaultValue = "50",
      description = "settled requests one owner claim collects (default ${DEFAULT-VALUE})")
  int claimRounds;

  @Option(names = "--out", description = "output directory (default: bench/ in the repository)")
  Path outDir;

  private final PrintStream out = System.out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new GasReport()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path dir = outDir != null ? outDir : Toolchain.repositoryRoot().orElseThrow().resolve("bench");
    GasLedger ledger = new GasLedger();
    try (LocalTestnet testnet =
        LocalTestnet.start(TestnetConfig.forTests(), step -> out.println("… " + step))) {
      new GasScenarios(testnet, ledger, out).runAll(batchSizes, evidenceSizes, claimRounds);
    }
    write(dir, ledger);
    return 0;
  }

  private void write(Path dir, GasLedger ledger) throws Exception {
    Files.createDirectories(dir);
    Map<String, Object> json = new LinkedHashMap<>(ledger.entries());
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("command", COMMAND);
    meta.put("machine", machine());
    meta.put("compiler", "solc 0.8.30 (solc-js), optimizer 200 runs, evmVersion cancun");
    meta.put("chain", "Anvil 1.7.1 (automine)");
    meta.put("measuredAt", Instant.now().toString());
    json.put("_meta", meta);
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(dir.resolve("gas.json"), mapper.writeValueAsString(json) + "\n");
    Files.writeString(
        dir.resolve("gas.md"), GasMarkdown.render(ledger.entries(), meta), StandardCharsets.UTF_8);
    out.println("wrote " + dir.resolve("gas.json") + " and " + dir.resolve("gas.md"));
  }

  static String machine() {
    long bytes =
        ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return Runtime.getRuntime().availableProcessors()
        + " cores, "
        + Math.round(bytes / (1024.0 * 1024 * 1024))
        + " GiB RAM, "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch")
        + ", Java "
        + System.getProperty("java.version");
  }

  static BigInteger flex(long n) {
    return org.openvpp.contracts.deploy.DeploymentParameters.FLEX.multiply(BigInteger.valueOf(n));
  }
}
