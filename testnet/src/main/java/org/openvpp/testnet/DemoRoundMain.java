package org.openvpp.testnet;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openvpp.testnet.demo.DemoException;
import org.openvpp.testnet.demo.DemoRound;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vpp demo-round}: plays one whole flexibility round on the local network {@code ./vpp
 * testnet} runs, so the owner account has real rewards to claim with {@code vpp-wallet}.
 */
@Command(
    name = "vpp demo-round",
    mixinStandardHelpOptions = true,
    description = {
      "Play one whole flexibility round on the local network ./vpp testnet runs:",
      "five nodes staked from dev accounts 5-9, a request by the testnet's",
      "requester in zone-1, three sealed bids, clearing, N simulated devices",
      "(certified by the testnet's OEM, bound to the owner) signing readings,",
      "evidence and reward roots, committee, attestations, finalization.",
      "Chain time is moved forward with evm_increaseTime, so only a dev chain",
      "(chain id 31337 or 1337) is accepted. Writes the owner's claim-proof file",
      "DIR/OWNER.json for vpp-wallet rewards show/claim. Run it again for another",
      "round: the owner's cumulative reward grows, the new file replaces the old."
    },
    footer = {
      "",
      "Examples:",
      "  ./vpp demo-round",
      "  OWNER=$(./vpp-wallet account address owner)",
      "  ./vpp-wallet -a owner rewards claim --file .testnet/rewards/$OWNER.json",
      "  ./vpp demo-round --devices 5 --owner 0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
      "",
      "Exit codes: 0 done, 1 the round failed, 2 bad input or no deployment file,",
      "4 RPC unreachable, 5 not a dev chain or another network's deployment file."
    })
public final class DemoRoundMain implements Callable<Integer> {
  static final int MAX_DEVICES = 100;

  @Option(
      names = "--deployment",
      paramLabel = "FILE",
      defaultValue = ".testnet/deployment.json",
      description = "deployment file ./vpp testnet wrote (default ${DEFAULT-VALUE})")
  Path deployment;

  @Option(
      names = "--rpc",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8545",
      description = "JSON-RPC of the local network (default ${DEFAULT-VALUE})")
  String rpc;

  @Option(
      names = "--owner",
      paramLabel = "ADDRESS",
      description =
          "who the devices are bound to and the rewards go to (default: the testnet's"
              + " owner account, dev account 2)")
  String owner;

  @Option(
      names = "--devices",
      paramLabel = "N",
      defaultValue = "3",
      description = "simulated devices, 1 to " + MAX_DEVICES + " (default ${DEFAULT-VALUE})")
  int devices;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = ".testnet/rewards",
      description =
          "where OWNER.json (the claim proof) and the nodes' ledgers go"
              + " (default ${DEFAULT-VALUE})")
  Path out;

  private final PrintStream stdout;
  private final PrintStream stderr;
  private DemoRound.Summary summary;

  public DemoRoundMain(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new DemoRoundMain(System.out, System.err)).execute(args));
  }

  /** The last run's summary (null before a successful run), for callers in the same JVM. */
  public DemoRound.Summary summary() {
    return summary;
  }

  @Override
  public Integer call() {
    try {
      String who = owner != null ? owner : TestnetAccounts.OWNER.devCredentials().getAddress();
      if (!who.matches("0x[0-9a-fA-F]{40}")) {
        throw new DemoException(
            DemoException.USAGE, "--owner must be 0x followed by 40 hex digits, got '" + who + "'");
      }
      if (devices < 1 || devices > MAX_DEVICES) {
        throw new DemoException(
            DemoException.USAGE, "--devices must be 1 to " + MAX_DEVICES + ", got " + devices);
      }
      var settings =
          new DemoRound.Settings(deployment, rpc, who.toLowerCase(Locale.ROOT), devices, out);
      summary = new DemoRound(settings, line -> stdout.println("… " + line)).play();
      print(summary, owner == null ? "owner" : "ACCOUNT");
      return 0;
    } catch (DemoException e) {
      stderr.println("error: " + e.getMessage());
      return e.exitCode();
    } catch (Exception e) {
      stderr.println("error: the round failed: " + e.getMessage());
      return DemoException.FAILED;
    }
  }

  /**
   * @param account the wallet account to claim as: any account may send the claim
   */
  private void print(DemoRound.Summary s, String account) {
    stdout.println();
    stdout.println("Round done (dev chain: chain time was moved forward)");
    stdout.printf("  request          %s in %s%n", s.requestId(), s.zone());
    stdout.printf("  awarded node     %s, %d W%n", s.node(), s.awardedW());
    stdout.printf("  clearing price   %s FLEX/kWh%n", DemoRound.flex(s.clearingPrice()));
    stdout.printf("  delivered        %d Wh%n", s.deliveredWh());
    stdout.printf("  payment          %s FLEX%n", DemoRound.flex(s.payment()));
    stdout.printf("  owner reward     %s FLEX this round%n", DemoRound.flex(s.ownerReward()));
    stdout.printf("  owner cumulative %s FLEX%n", DemoRound.flex(s.ownerCumulative()));
    stdout.printf(
        "  unpaid escrow    %s FLEX back to the requester%n", DemoRound.flex(s.unpaidEscrow()));
    stdout.printf("  claim proof      %s%n", s.proofFile());
    stdout.println();
    stdout.println("Claim it (the FLEX goes to the owner, the claiming account pays the gas):");
    stdout.println("  ./vpp-wallet rewards show --file " + s.proofFile());
    stdout.println("  ./vpp-wallet -a " + account + " rewards claim --file " + s.proofFile());
  }
}
