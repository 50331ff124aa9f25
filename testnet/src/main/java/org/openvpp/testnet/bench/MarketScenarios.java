package org.openvpp.testnet.bench;

import static org.openvpp.testnet.bench.GasReport.flex;

import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.openvpp.contracts.deploy.SettlementParameters;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.RewardClaim;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.OwnerBinding;
import org.openvpp.contracts.identity.RegistryDomain;
import org.openvpp.contracts.tx.Transactions;
import org.openvpp.testnet.LocalTestnet;
import org.openvpp.testnet.TestnetAccounts;
import org.openvpp.testnet.round.MeterDevice;
import org.openvpp.testnet.round.RoundDriver;
import org.openvpp.testnet.round.RoundDriver.Offer;
import org.openvpp.testnet.round.RoundDriver.Request;
import org.openvpp.testnet.round.RoundDriver.Settled;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Gas of the market and settlement operations, measured on whole rounds driven by {@link
 * RoundDriver} (the same flow RoundIT checks end to end): requests, sealed bids, clearing with 1, 4
 * and 16 revealed bids, evidence roots of 1 to 10,000 devices with device-signed readings, the
 * committee, finalization, claims (also after many settlements), a proven fraud and governance.
 */
final class MarketScenarios {
  private static final byte[] ZONE = Hash.sha3("zone-gas".getBytes(StandardCharsets.UTF_8));
  private static final int NODES = 16;
  private static final long DURATION_S = 900;

  /** Per device: 2 kW awarded over 15 minutes = 500 Wh, well under a 5 kW rating. */
  private static final long DEVICE_W = 2_000;

  private static final long DEVICE_WH = DEVICE_W * DURATION_S / 3_600;
  private static final long RATED_W = 5_000;
  private static final long BASELINE_WH = 20;
  private static final BigInteger CAP = flex(1).divide(BigInteger.TWO);
  private static final BigInteger PRICE = flex(1).divide(BigInteger.valueOf(5));

  private final LocalTestnet testnet;
  private final GasLedger ledger;
  private final PrintStream out;
  private final RoundDriver d;
  private final Credentials requester;
  private final List<Credentials> nodes = new ArrayList<>();
  private int nextNode;

  MarketScenarios(LocalTestnet testnet, GasLedger ledger, PrintStream out) {
    this.testnet = testnet;
    this.ledger = ledger;
    this.out = out;
    this.d =
        new RoundDriver(
            testnet.chain(), testnet.deployment(), testnet.account(TestnetAccounts.ADMIN));
    this.requester = testnet.account(TestnetAccounts.REQUESTER);
    // The node registry scenario left the operator account staked: it can be drawn to attest.
    d.adoptNode(testnet.account(TestnetAccounts.OPERATOR));
  }

  void run(List<Integer> evidenceSizes, int claimRounds) throws Exception {
    out.println("… registering " + NODES + " nodes for the market");
    for (int i = 0; i < NODES; i++) {
      Credentials node = d.newAccount(100);
      d.registerNode(node, ZONE, flex(2_000));
      nodes.add(node);
    }
    auctions();
    cancellation();
    Map<Integer, Settled> settled = amortized(evidenceSizes);
    settlementOperations(settled);
    contribution();
    fraud();
    claimAfterManySettlements(claimRounds);
    governance();
  }

  /** A fresh node for each scenario, so each root measured is its node's first. */
  private Credentials node() {
    if (nextNode >= nodes.size()) {
      throw new IllegalStateException("more scenarios than nodes");
    }
    return nodes.get(nextNode++);
  }

  private void auctions() throws Exception {
    Map<String, Object> clear = new LinkedHashMap<>();
    for (int bids : new int[] {1, 4, 16}) {
      // Every bid is needed to cover the power and prices fall in commit order: the worst case
      // for clearing (every offer is awarded, and the merit order is the reverse commit order).
      Request r = d.post(requester, ZONE, Direction.UP, bids * 1_000L, DURATION_S, CAP);
      List<Offer> offers = new ArrayList<>();
      for (int i = 0; i < bids; i++) {
        BigInteger price =
            CAP.subtract(flex(1).divide(BigInteger.valueOf(100)).multiply(BigInteger.valueOf(i)));
        offers.add(new Offer(nodes.get(i), 1_000, price));
      }
      RoundDriver.Auction a = d.auction(r, offers);
      if (bids == 4) {
        ledger.record("FlexibilityCoordinator.postRequest", r.receipt());
        ledger.record("FlexibilityCoordinator.commitBid", a.bids().get(0).receipt());
        ledger.record("FlexibilityCoordinator.revealBid", a.reveals().get(0));
      }
      clear.put(String.valueOf(bids), ledger.check("clear", a.clear()));
    }
    ledger.put("FlexibilityCoordinator.clear", clear);
  }

  private void cancellation() throws Exception {
    Request r = d.post(requester, ZONE, Direction.DOWN, 1_000, DURATION_S, CAP);
    Credentials node = nodes.get(0);
    d.commit(r, new Offer(node, 1_000, PRICE));
    ledger.record("FlexibilityCoordinator.cancel", d.coordinator(requester).cancel(r.id()).send());
    ledger.record(
        "FlexibilityCoordinator.reclaimDeposit", d.coordinator(node).reclaimDeposit(r.id()).send());
  }

  /**
   * For each size, one node wins a request sized to that many devices, meters them (two signed
   * readings each), builds the evidence and reward roots and settles: the on-chain gas of
   * submitEvidence + drawCommittee + attest + finalize, divided by the devices, is the amortized
   * cost.
   */
  private Map<Integer, Settled> amortized(List<Integer> sizes) throws Exception {
    Map<Integer, Settled> settled = new LinkedHashMap<>();
    Map<String, Object> perDevice = new LinkedHashMap<>();
    Map<String, Object> totals = new LinkedHashMap<>();
    for (int n : sizes) {
      Credentials node = node();
      out.println("… settling a request of " + n + " devices (keys, signed readings, roots)");
      List<MeterDevice> devices = devices(n);
      Request r = d.post(requester, ZONE, Direction.UP, n * DEVICE_W, DURATION_S, CAP);
      d.auction(r, List.of(new Offer(node, n * DEVICE_W, PRICE)));
      long[] wh = new long[n];
      Arrays.fill(wh, DEVICE_WH);
      Settled s = d.settle(node, r, d.meterWindow(r, devices, wh, BASELINE_WH));
      if (s.submitted().batch().payment().signum() <= 0) {
        throw new IllegalStateException("settlement of " + n + " devices paid nothing");
      }
      settled.put(n, s);
      long total = s.evidenceGas();
      totals.put(String.valueOf(n), total);
      perDevice.put(String.valueOf(n), Math.round(total * 100.0 / n) / 100.0);
      out.println(
          "   "
              + n
              + " devices: "
              + total
              + " gas, "
              + perDevice.get(String.valueOf(n))
              + " per device (submitEvidence "
              + s.submitted().receipt().getGasUsed()
              + ", drawCommittee "
              + s.committee().receipt().getGasUsed()
              + ", attest "
              + s.attestation().receipt().getGasUsed()
              + ", finalize "
              + s.finalized().getGasUsed()
              + ")");
    }
    ledger.put("amortizedGasPerDevicePerSettledRequest", perDevice);
    ledger.put("amortizedGasTotalPerSettledRequest", totals);
    return settled;
  }

  /** Devices of fresh keys, each with its own owner. Keys are made in parallel (10,000 of them). */
  private static List<MeterDevice> devices(int n) {
    return IntStream.range(0, n)
        .parallel()
        .mapToObj(
            i -> {
              try {
                ECKeyPair owner = Keys.createEcKeyPair();
                return new MeterDevice(
                    Credentials.create(Keys.createEcKeyPair()),
                    Credentials.create(owner).getAddress(),
                    RATED_W);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  /** Per-operation figures from the middle-sized settled request (100 devices when default). */
  private void settlementOperations(Map<Integer, Settled> settled) throws Exception {
    int size =
        settled.keySet().stream()
            .filter(n -> n > 1)
            .min(Integer::compare)
            .orElseThrow(() -> new IllegalArgumentException("need an evidence size above 1"));
    Settled s = settled.get(size);
    ledger.record("Settlement.submitEvidence", s.submitted().receipt());
    ledger.record("Settlement.drawCommittee", s.committee().receipt());
    if (s.committee().members().size() != 5 || d.quorum(s.submitted()) != 3) {
      throw new IllegalStateException("expected a quorum of 3 of 5: " + s.committee().members());
    }
    ledger.record("Settlement.attest", s.attestation().receipt());
    ledger.record("Settlement.finalize", s.finalized());
    BigInteger request =
        Settlement.getEvidenceSubmittedEvents(s.submitted().receipt()).get(0).subject;
    ledger.record(
        "FlexibilityCoordinator.releaseEscrow",
        d.coordinator(d.admin()).releaseEscrow(request).send());
    ledger.record("FlexibilityCoordinator.withdraw", d.coordinator(requester).withdraw().send());
    String node = s.submitted().node().getAddress();
    var owners = s.submitted().batch().tree().leaves().stream().map(l -> l.owner()).toList();
    ledger.record("Settlement.claim", d.claim(requester, d.ticket(node, owners.get(0))));
    List<RewardClaim> many =
        owners.subList(1, Math.min(owners.size(), 6)).stream().map(o -> d.ticket(node, o)).toList();
    ledger.record("Settlement.claimMany", d.claimMany(requester, many));
    Credentials attestor = nodeKey(s.attestation().signers().get(0));
    ledger.record("Settlement.withdrawFees", d.settlement(attestor).withdrawFees().send());
  }

  private Credentials nodeKey(String address) {
    return java.util.stream.Stream.concat(
            nodes.stream(), java.util.stream.Stream.of(testnet.account(TestnetAccounts.OPERATOR)))
        .filter(n -> n.getAddress().equalsIgnoreCase(address))
        .findFirst()
        .orElseThrow();
  }

  /** Exported energy of the previous contribution epoch, paid from the funded pool. */
  private void contribution() throws Exception {
    Credentials node = node();
    d.token(requester).approve(testnet.deployment().settlement(), flex(100)).send();
    ledger.record(
        "Settlement.fundContributions",
        d.settlement(requester).fundContributions(flex(100)).send());
    long epochLength = d.settlement(d.admin()).params().send().epochLength.longValueExact();
    long epoch = d.now() / epochLength - 1;
    // Epoch payments are capped by the devices the node manages: ten registered, assigned ones.
    List<MeterDevice> devices = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      devices.add(managedDevice(node));
    }
    long[] wh = new long[devices.size()];
    Arrays.fill(wh, 3_000);
    var windows =
        d.meterWindow(
            epoch * epochLength * 1000,
            (epoch + 1) * epochLength * 1000,
            Direction.UP,
            devices,
            wh,
            0);
    ledger.record(
        "Settlement.submitContribution",
        d.submitContribution(node, epoch, d.evidenceForEpoch(node, windows)).receipt());
  }

  private long gasModel = -1;

  /**
   * A 5 kW battery registered by the OEM, bound to the requester, who assigns it to {@code node}: a
   * device the node manages (DeviceRegistry.managedDevices, which caps epoch payments) whose leaves
   * name the right owner and node.
   */
  private MeterDevice managedDevice(Credentials node) throws Exception {
    Credentials oem = testnet.account(TestnetAccounts.OEM);
    DeviceRegistry asOem =
        DeviceRegistry.load(
            testnet.deployment().deviceRegistry(),
            d.web3j(),
            Transactions.manager(d.web3j(), oem, testnet.chain().chainId()),
            Transactions.gas());
    if (gasModel < 0) {
      gasModel = asOem.modelCount().send().longValueExact();
      asOem
          .registerModel(
              BigInteger.ZERO,
              BigInteger.valueOf(RATED_W),
              BigInteger.valueOf(13_500),
              "Gas battery")
          .send();
    }
    long model = gasModel;
    Credentials deviceKey = Credentials.create(Keys.createEcKeyPair());
    DeviceCertificate cert =
        DeviceCertificate.withRandomSerial(
            deviceKey.getAddress(), model, DeviceClass.HOME_BATTERY, RATED_W, 13_500);
    var domain =
        RegistryDomain.of(testnet.chain().chainId(), testnet.deployment().deviceRegistry());
    asOem
        .registerDevice(
            cert.toContractStruct(), Signatures.sign(cert.digest(domain), oem.getEcKeyPair()))
        .send();
    // Bound to the requester, who assigns it to the node: a leaf's owner and node are right.
    byte[] bind =
        Signatures.sign(
            new OwnerBinding(requester.getAddress(), BigInteger.ZERO).digest(domain),
            deviceKey.getEcKeyPair());
    asOem.bindOwner(deviceKey.getAddress(), requester.getAddress(), bind).send();
    MeterDevice device = new MeterDevice(deviceKey, requester.getAddress(), RATED_W);
    d.assignNode(requester, device, node);
    return device;
  }

  /**
   * A registered 5 kW battery's leaf claims 2,000 Wh in 15 minutes (at most 1,250 Wh): readings and
   * delivery agree, so the challenge runs every check and fails on the rated power, the deepest
   * path.
   */
  private void fraud() throws Exception {
    Credentials node = node();
    MeterDevice device = managedDevice(node);

    Request r = d.post(requester, ZONE, Direction.UP, 10_000, DURATION_S, CAP);
    d.auction(r, List.of(new Offer(node, 10_000, PRICE)));
    var windows = d.meterWindow(r, List.of(device), new long[] {2_000}, 0);
    RoundDriver.Submitted s = d.submit(node, r, d.evidenceFor(node, r, windows));
    TransactionReceipt challenge = d.challenge(requester, s, 0);
    var proven = FraudProofs.getFraudProvenEvents(challenge);
    if (proven.isEmpty() || proven.get(0).reason.intValueExact() != 7) {
      throw new IllegalStateException("expected fraud AboveRatedPower (7), got " + proven);
    }
    ledger.record("FraudProofs.challenge", challenge);
  }

  /**
   * One owner's device serves one node in {@code rounds} settled requests (with a second owner's
   * device beside it); then a single claim collects all of it. The claimed amount must equal the
   * sum of the owner's credits in each round's reward ledger.
   */
  private void claimAfterManySettlements(int rounds) throws Exception {
    Credentials node = node();
    out.println("… " + rounds + " settled requests for one node, then one claim");
    Credentials owner = d.newAccount(1);
    List<MeterDevice> devices =
        List.of(
            new MeterDevice(
                Credentials.create(Keys.createEcKeyPair()), owner.getAddress(), RATED_W),
            new MeterDevice(
                Credentials.create(Keys.createEcKeyPair()),
                Credentials.create(Keys.createEcKeyPair()).getAddress(),
                RATED_W));
    String key = owner.getAddress().toLowerCase(java.util.Locale.ROOT);
    BigInteger credits = BigInteger.ZERO;
    BigInteger previous = BigInteger.ZERO;
    for (int i = 0; i < rounds; i++) {
      Request r = d.post(requester, ZONE, Direction.UP, 2 * DEVICE_W, DURATION_S, CAP);
      d.auction(r, List.of(new Offer(node, 2 * DEVICE_W, PRICE)));
      // Deliveries vary per round so the owner's share is not the same figure every time.
      d.settle(
          node, r, d.meterWindow(r, devices, new long[] {DEVICE_WH - i, DEVICE_WH}, BASELINE_WH));
      BigInteger now = d.finalizedLedger(node.getAddress()).cumulative().get(key);
      if (now.compareTo(previous) <= 0) {
        throw new IllegalStateException("round " + i + " credited the owner nothing");
      }
      credits = credits.add(now.subtract(previous));
      previous = now;
      if ((i + 1) % 10 == 0) {
        out.println("   " + (i + 1) + "/" + rounds + " settled");
      }
    }
    BigInteger before = d.balance(owner.getAddress());
    TransactionReceipt claim = d.claim(owner, d.ticket(node.getAddress(), owner.getAddress()));
    BigInteger claimed = d.balance(owner.getAddress()).subtract(before);
    BigInteger event = Settlement.getRewardClaimedEvents(claim).get(0).amount;
    if (!claimed.equals(credits) || !event.equals(credits)) {
      throw new IllegalStateException(
          "claimed "
              + claimed
              + " (event "
              + event
              + ") but "
              + rounds
              + " credits sum to "
              + credits);
    }
    ledger.record("claimGas" + rounds + "Settlements", claim);
  }

  private void governance() throws Exception {
    SettlementParameters p = SettlementParameters.defaults().withChallengeWindow(7_200);
    // Through the timelock (delay 0 on the local network): the gas is the execute transaction's.
    Settlement settlement = d.settlement(d.admin());
    ledger.record(
        "Settlement.setParams",
        d.governance().run(settlement.getContractAddress(), settlement.setParams(p.toContract())));
  }
}
