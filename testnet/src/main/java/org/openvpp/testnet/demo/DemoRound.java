package org.openvpp.testnet.demo;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.devchain.DevAccounts;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.EvidenceBatch;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.testnet.TestnetAccounts;
import org.openvpp.testnet.round.MeterDevice;
import org.openvpp.testnet.round.RoundDriver;
import org.openvpp.testnet.round.RoundDriver.Offer;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * One whole round on a running local network, played by {@link RoundDriver}: five nodes staked from
 * dev accounts the README walk-through leaves alone (5 to 9), a request by the testnet's requester,
 * three sealed bids, clearing, the owner's devices metering the window, evidence and reward roots,
 * committee, attestations, finalization. Then the owner's claim-proof file is written for {@code
 * vpp-wallet rewards claim}.
 */
public final class DemoRound {
  public static final String ZONE_NAME = "zone-1";
  static final byte[] ZONE = Hash.sha3(ZONE_NAME.getBytes(StandardCharsets.UTF_8));
  static final int FIRST_NODE_INDEX = 5;
  static final int NODE_COUNT = 5;
  static final int BIDDERS = 3;

  /** Dev accounts whose nodes the demo signs attestations for (./vpp testnet funds 10). */
  static final int DEV_ACCOUNTS = 10;

  static final BigInteger FLEX = RoundDriver.FLEX;
  static final BigInteger STAKE = FLEX.multiply(BigInteger.valueOf(2_000));
  static final long POWER_PER_DEVICE_W = 2_000;
  static final long DURATION_S = 900;
  static final long BASELINE_WH = 50;
  static final BigInteger MAX_PRICE = flexPerKWh(40);

  /** Bidders' prices in hundredths of FLEX per kWh: the cheapest covers the request alone. */
  static final long[] BID_CENTS = {20, 30, 35};

  public static final String LEDGER_FILE = "node-ledgers.json";

  /** What to play and where the proof goes. */
  public record Settings(Path deploymentFile, String rpcUrl, String owner, int devices, Path out) {}

  /** What the round did, read back from the chain and the node's ledger. */
  public record Summary(
      BigInteger requestId,
      String zone,
      String node,
      BigInteger clearingPrice,
      long awardedW,
      long deliveredWh,
      BigInteger payment,
      BigInteger ownerReward,
      BigInteger ownerCumulative,
      BigInteger unpaidEscrow,
      Path proofFile) {}

  private final Settings settings;
  private final Consumer<String> say;

  public DemoRound(Settings settings, Consumer<String> say) {
    this.settings = settings;
    this.say = say;
  }

  public Summary play() throws Exception {
    // The chain first: an unreachable RPC or a chain with value is refused before anything else.
    try (RpcDevChain chain = RpcDevChain.connect(settings.rpcUrl(), say)) {
      Deployment deployment = readDeployment(settings.deploymentFile());
      checkNetwork(chain, deployment);
      say.accept(
          "dev chain "
              + chain.chainId()
              + " at "
              + settings.rpcUrl()
              + ": chain time is moved forward as the round needs (evm_increaseTime)");
      RoundDriver d = new RoundDriver(chain, deployment, TestnetAccounts.ADMIN.devCredentials());
      Path ledgerFile = settings.out().resolve(LEDGER_FILE);
      NodeLedgers ledgers = NodeLedgers.load(ledgerFile, chain.chainId(), deployment.settlement());
      List<Credentials> nodes = stakeNodes(d, ledgers);
      for (int i = 0; i < DEV_ACCOUNTS; i++) {
        // A dev-account node another tool staked (the walk-through's operator) may be drawn to
        // the committee; its key is public, so it signs as the online peer it would be.
        d.adoptNode(DevAccounts.derive(DevAccounts.TEST_MNEMONIC, i));
      }
      List<MeterDevice> devices =
          new DemoDevices(
                  chain,
                  deployment.deviceRegistry(),
                  TestnetAccounts.OEM.devCredentials(),
                  d.admin())
              // The cheapest bidder, nodes[0], is the owner's node: it reports the devices.
              .certifyAndBind(settings.owner(), nodes.get(0).getAddress(), settings.devices(), say);
      return round(d, deployment, nodes, devices, ledgers, ledgerFile);
    }
  }

  private Summary round(
      RoundDriver d,
      Deployment deployment,
      List<Credentials> nodes,
      List<MeterDevice> devices,
      NodeLedgers ledgers,
      Path ledgerFile)
      throws Exception {
    Credentials requester = TestnetAccounts.REQUESTER.devCredentials();
    long powerW = POWER_PER_DEVICE_W * devices.size();
    RoundDriver.Request r = d.post(requester, ZONE, Direction.UP, powerW, DURATION_S, MAX_PRICE);
    say.accept(
        String.format(
            "request %s posted by the requester %s: %d W up in %s for %d s at most %s FLEX/kWh,"
                + " escrow %s FLEX",
            r.id(),
            requester.getAddress(),
            powerW,
            ZONE_NAME,
            DURATION_S,
            flex(MAX_PRICE),
            flex(r.escrow())));

    List<Offer> offers = new ArrayList<>();
    for (int i = 0; i < BIDDERS; i++) {
      offers.add(new Offer(nodes.get(i), powerW, flexPerKWh(BID_CENTS[i])));
      say.accept(
          "node "
              + nodes.get(i).getAddress()
              + " commits a sealed bid (revealed: "
              + powerW
              + " W at "
              + flex(flexPerKWh(BID_CENTS[i]))
              + " FLEX/kWh)");
    }
    d.auction(r, offers);
    FlexibilityCoordinator coordinator = d.coordinator(d.admin());
    BigInteger price = coordinator.getRequest(r.id()).send().clearingPrice;
    Credentials winner = soleWinner(coordinator, r, nodes.subList(0, BIDDERS));
    if (!winner.getAddress().equalsIgnoreCase(nodes.get(0).getAddress())) {
      throw new IllegalStateException(
          "the devices' node " + nodes.get(0).getAddress() + " did not win request " + r.id());
    }
    long awardedW =
        coordinator.getAward(r.id(), winner.getAddress()).send().awardedW.longValueExact();
    say.accept(
        "cleared: node "
            + winner.getAddress()
            + " awarded "
            + awardedW
            + " W at "
            + flex(price)
            + " FLEX/kWh");

    // Each device delivers a little less than its share (10 Wh less per device), so the payment
    // shows the proportional rule rather than the cap.
    long[] delivered = new long[devices.size()];
    for (int i = 0; i < delivered.length; i++) {
      delivered[i] = POWER_PER_DEVICE_W * DURATION_S / 3_600 - 10L * i;
    }
    var windows = d.meterWindow(r, devices, delivered, BASELINE_WH);
    say.accept(devices.size() + " devices signed their first and last readings of the window");
    RewardLedger before = d.finalizedLedger(winner.getAddress());
    EvidenceBatch batch = d.evidenceFor(winner, r, windows);
    RoundDriver.Submitted s = d.submit(winner, r, batch);
    say.accept(
        "submission "
            + s.id()
            + ": evidence root "
            + Numeric.toHexString(batch.tree().root())
            + ", reward root "
            + Numeric.toHexString(batch.ledger().tree().root())
            + ", "
            + batch.deliveredWh()
            + " Wh delivered");
    RoundDriver.Committee c = d.drawCommittee(s);
    say.accept("committee drawn: " + c.members());
    RoundDriver.Attestation a = d.attest(s, c, d.quorum(s));
    say.accept(a.signers().size() + " members attested on-chain: " + a.signers());
    d.finalize(s, c);
    ledgers.put(winner.getAddress(), d.finalizedLedger(winner.getAddress()));
    ledgers.save(ledgerFile);
    say.accept("finalized after the challenge window: the reward root is claimable");

    BigInteger unpaid = settleUp(d, r, requester, nodes.subList(0, BIDDERS));
    RewardLedger after = d.finalizedLedger(winner.getAddress());
    BigInteger reward =
        after.tree().amountOf(settings.owner()).subtract(amountOf(before, settings.owner()));
    ProofFile proof = ProofFile.write(settings.out(), settings.owner(), deployment, ledgers);
    say.accept("claim proof for " + settings.owner() + " written to " + proof.file());
    return new Summary(
        r.id(),
        ZONE_NAME,
        winner.getAddress(),
        price,
        awardedW,
        batch.deliveredWh(),
        batch.payment(),
        reward,
        proof.cumulative(),
        unpaid,
        proof.file());
  }

  /** Registers the demo nodes that are not yet active; resumes the ledgers of those that are. */
  private List<Credentials> stakeNodes(RoundDriver d, NodeLedgers ledgers) throws Exception {
    List<Credentials> nodes = new ArrayList<>();
    for (int i = FIRST_NODE_INDEX; i < FIRST_NODE_INDEX + NODE_COUNT; i++) {
      Credentials node = DevAccounts.derive(DevAccounts.TEST_MNEMONIC, i);
      var info = d.nodes(d.admin()).getNode(node.getAddress()).send();
      if (!info.registered) {
        d.registerNode(node, ZONE, STAKE);
        say.accept(
            "node "
                + node.getAddress()
                + " (dev account "
                + i
                + ") staked "
                + flex(STAKE)
                + " FLEX in "
                + ZONE_NAME);
      } else if (!d.nodes(d.admin()).isActiveInZone(node.getAddress(), ZONE).send()) {
        throw new DemoException(
            DemoException.FAILED,
            "node "
                + node.getAddress()
                + " (dev account "
                + i
                + ") is registered but not active"
                + " in "
                + ZONE_NAME
                + ": restart ./vpp testnet for a fresh network");
      } else {
        d.adoptNode(node);
        say.accept("node " + node.getAddress() + " (dev account " + i + ") already staked");
      }
      resume(d, ledgers, node.getAddress());
      nodes.add(node);
    }
    return nodes;
  }

  /**
   * Continues the node's ledger from the file, but only if it is the one whose root the node
   * finalized on this chain: a new root built on anything else would fail Settlement's total check
   * or hand out proofs that do not verify.
   */
  private void resume(RoundDriver d, NodeLedgers ledgers, String node) throws Exception {
    Settlement.NodeRewards nr = d.settlement(d.admin()).nodeRewards(node).send();
    if (!nr.tip.equals(nr.lastFinalized)) {
      throw new DemoException(
          DemoException.FAILED,
          "node "
              + node
              + " has a submission that never finalized (an interrupted demo-round?):"
              + " restart ./vpp testnet for a fresh network");
    }
    RewardLedger saved = ledgers.get(node);
    if (new BigInteger(1, nr.claimRoot).signum() == 0) {
      ledgers.put(node, new RewardLedger()); // never finalized here: a saved one is stale
      return;
    }
    try {
      d.resumeLedger(node, saved); // the node's book takes it only with the on-chain root
    } catch (IllegalStateException e) {
      throw new DemoException(
          DemoException.FAILED,
          "node "
              + node
              + " finalized reward root "
              + Numeric.toHexString(nr.claimRoot)
              + " but "
              + settings.out().resolve(LEDGER_FILE)
              + " holds no ledger with that root:"
              + " give the --out of the earlier runs, or restart ./vpp testnet",
          e);
    }
  }

  /** Exactly one award: the cheapest bid covers the whole request. */
  private static Credentials soleWinner(
      FlexibilityCoordinator coordinator, RoundDriver.Request r, List<Credentials> bidders)
      throws Exception {
    List<Credentials> awarded = new ArrayList<>();
    for (Credentials b : bidders) {
      if (coordinator.getAward(r.id(), b.getAddress()).send().awardedW.signum() > 0) {
        awarded.add(b);
      }
    }
    if (awarded.size() != 1) {
      throw new IllegalStateException(
          "expected one award for request " + r.id() + ", got " + awarded.size());
    }
    return awarded.get(0);
  }

  /**
   * Credits the unpaid escrow back to the requester (who withdraws it with the wallet) and pays the
   * bidders back their revealed deposits, so a demo run leaves no FLEX stuck in the market.
   */
  private BigInteger settleUp(
      RoundDriver d, RoundDriver.Request r, Credentials requester, List<Credentials> bidders)
      throws Exception {
    FlexibilityCoordinator coordinator = d.coordinator(d.admin());
    BigInteger owedBefore = coordinator.owed(requester.getAddress()).send();
    coordinator.releaseEscrow(r.id()).send();
    BigInteger unpaid = coordinator.owed(requester.getAddress()).send().subtract(owedBefore);
    say.accept(
        "unpaid escrow "
            + flex(unpaid)
            + " FLEX credited back to the requester"
            + " (./vpp-wallet -a requester request withdraw)");
    for (Credentials b : bidders) {
      if (coordinator.owed(b.getAddress()).send().signum() > 0) {
        d.coordinator(b).withdraw().send();
      }
    }
    return unpaid;
  }

  private void checkNetwork(RpcDevChain chain, Deployment deployment) throws IOException {
    if (deployment.chainId() != chain.chainId()) {
      throw new DemoException(
          DemoException.WRONG_NETWORK,
          settings.deploymentFile()
              + " is for chain "
              + deployment.chainId()
              + ", the RPC at "
              + settings.rpcUrl()
              + " is chain "
              + chain.chainId()
              + ": give the deployment file of that network");
    }
    String code =
        chain
            .web3j()
            .ethGetCode(
                deployment.settlement(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
            .send()
            .getCode();
    if (code == null || code.length() <= 2) {
      throw new DemoException(
          DemoException.WRONG_NETWORK,
          "no Settlement contract at "
              + deployment.settlement()
              + " on the chain at "
              + settings.rpcUrl()
              + ": "
              + settings.deploymentFile()
              + " is from another run of ./vpp testnet");
    }
  }

  private static Deployment readDeployment(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DemoException(
          DemoException.USAGE,
          "no deployment file at "
              + file
              + ": start the local network with ./vpp testnet"
              + " (it writes .testnet/deployment.json), or give --deployment");
    }
    try {
      return Deployment.read(file);
    } catch (RuntimeException e) {
      throw new DemoException(
          DemoException.USAGE, file + " is not a deployment file: " + e.getMessage(), e);
    }
  }

  private static BigInteger amountOf(RewardLedger ledger, String owner) {
    return ledger.cumulative().getOrDefault(owner.toLowerCase(Locale.ROOT), BigInteger.ZERO);
  }

  static BigInteger flexPerKWh(long cents) {
    return FLEX.multiply(BigInteger.valueOf(cents)).divide(BigInteger.valueOf(100));
  }

  /** FLEX wei as a plain decimal FLEX amount. */
  public static String flex(BigInteger wei) {
    return new java.math.BigDecimal(wei).movePointLeft(18).stripTrailingZeros().toPlainString();
  }
}
