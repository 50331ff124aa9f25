package org.openvpp.wallet.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.evidence.Attestations;
import org.openvpp.contracts.evidence.DeviceWindow;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.EvidenceBatch;
import org.openvpp.contracts.evidence.EvidenceBuilder;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.MeterTypedData;
import org.openvpp.contracts.evidence.RewardClaim;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.evidence.SignedMeterReading;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.OwnerBinding;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Market;
import org.openvpp.contracts.testing.Oem;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * Real settled rounds for the wallet's reward tests, driven as RoundDriver drives them but with the
 * contracts test-jar fixtures only (the wallet may not depend on the testnet module): staked nodes,
 * registered devices whose keys sign their meter readings, a request auctioned with sealed bids,
 * evidence and cumulative reward roots built by {@code contracts.evidence} (EvidenceBuilder,
 * EvidenceBatch, RewardLedger: the code a node runs; the wallet may not use the node), a committee
 * drawn on-chain, a quorum of attestations and finalization. Each node's finalized ledger is kept,
 * as a node keeps it, to hand out the claim proofs the wallet then reads.
 */
public final class SettledRounds {
  public static final BigInteger FLEX = ChainFixture.FLEX;
  public static final long RATED_W = 5_000;
  public static final long DURATION_S = 3_600;
  private static final int DEV_ACCOUNTS = 10;

  private final ChainFixture chain;
  private final Market market;
  private final Oem oem;
  private final long model;
  private final Credentials requester;
  private final MeterTypedData meter;
  private final Attestations attestations;
  private final EvidenceBuilder evidence;
  private final Map<String, Credentials> nodeKeys = new HashMap<>();
  private final Map<String, RewardLedger> ledgers = new HashMap<>();
  // Meter sequence numbers only grow, across devices and rounds alike.
  private long sequence = 1;

  /** One node's delivery: which device (its key), for which owner, how many Wh. */
  public record Delivered(Credentials device, String owner, long wh) {}

  public SettledRounds(ChainFixture chain, Credentials oemAccount, Credentials requester)
      throws Exception {
    this.chain = chain;
    this.market = new Market(chain);
    this.oem = new Oem(chain, oemAccount);
    this.model = oem.model(DeviceClass.HOME_BATTERY, RATED_W, 13_500);
    this.requester = requester;
    BigInteger chainId = BigInteger.valueOf(chain.anvil().chainId());
    this.meter = new MeterTypedData(chainId, chain.deployment().deviceRegistry());
    this.attestations = new Attestations(chainId, chain.deployment().settlement());
    this.evidence = new EvidenceBuilder(meter);
  }

  public Market market() {
    return market;
  }

  /** {@code count} fresh nodes staked in Market.ZONE ("zone-a"); their keys sign attestations. */
  public List<Credentials> nodes(int count) throws Exception {
    List<Credentials> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Credentials node = market.fundedAccount();
      market.registerNode(node, Market.ZONE, 2_000);
      nodeKeys.put(key(node.getAddress()), node);
      nodes.add(node);
    }
    return nodes;
  }

  /** A fresh device key, registered with an OEM certificate of the 5 kW battery model. */
  public Credentials device() throws Exception {
    Credentials key = Oem.newDeviceKey();
    DeviceCertificate cert = Oem.certificate(key, model, DeviceClass.HOME_BATTERY, RATED_W, 13_500);
    oem.registry().registerDevice(cert.toContractStruct(), oem.sign(cert)).send();
    return key;
  }

  /**
   * Posts a one-hour Up request of {@code 3000 W × winners} capped at 0.4 FLEX/kWh, each winner
   * bids 3000 W at 0.2 FLEX/kWh, clears, then each winner settles its deliveries.
   *
   * @return the request id
   */
  public BigInteger round(Map<Credentials, List<Delivered>> deliveries) throws Exception {
    for (Map.Entry<Credentials, List<Delivered>> e : deliveries.entrySet()) {
      for (Delivered d : e.getValue()) {
        bindAndAssign(d, e.getKey());
      }
    }
    Market.Timing t = market.timing(DURATION_S);
    BigInteger price = FLEX.divide(BigInteger.valueOf(5));
    BigInteger id =
        market.post(
            requester,
            Market.ZONE,
            Direction.UP,
            3_000L * deliveries.size(),
            price.multiply(BigInteger.TWO),
            t);
    List<Market.SealedBidSpec> bids = new ArrayList<>();
    for (Credentials node : deliveries.keySet()) {
      bids.add(new Market.SealedBidSpec(node, 3_000, price));
    }
    market.auction(t, bids, id);
    market.warpTo(t.end());
    for (Map.Entry<Credentials, List<Delivered>> e : deliveries.entrySet()) {
      settle(e.getKey(), id, t, e.getValue());
    }
    return id;
  }

  /**
   * Binds the device to its owner on first use (the device key signs, anyone sends) and has the
   * owner assign it to {@code node}, before the window opens: a device's window counts only in
   * evidence from the node assigned at its start.
   */
  private void bindAndAssign(Delivered d, Credentials node) throws Exception {
    String device = d.device().getAddress();
    DeviceRegistry anyone = chain.devices(chain.admin());
    String owner = anyone.ownerOf(device).send();
    if (new BigInteger(Numeric.cleanHexPrefix(owner), 16).signum() == 0) {
      BigInteger nonce = anyone.nonces(device).send();
      byte[] bind =
          Signatures.sign(
              new OwnerBinding(d.owner(), nonce).digest(oem.domain()), d.device().getEcKeyPair());
      anyone.bindOwner(device, d.owner(), bind).send();
    } else if (!owner.equalsIgnoreCase(d.owner())) {
      throw new IllegalArgumentException("device " + device + " is owned by " + owner);
    }
    if (!anyone.nodeOf(device).send().component1().equalsIgnoreCase(node.getAddress())) {
      chain.devices(ownerKey(d.owner())).setNode(device, node.getAddress()).send();
    }
  }

  /** The owner's key: owners in these tests are funded dev accounts. */
  private Credentials ownerKey(String owner) {
    for (int i = 0; i < DEV_ACCOUNTS; i++) {
      if (chain.account(i).getAddress().equalsIgnoreCase(owner)) {
        return chain.account(i);
      }
    }
    throw new IllegalArgumentException(owner + " is not a dev account: nobody can assign its node");
  }

  private void settle(Credentials node, BigInteger id, Market.Timing t, List<Delivered> devices)
      throws Exception {
    List<DeviceWindow> windows = new ArrayList<>();
    for (Delivered d : devices) {
      windows.add(window(d, t));
    }
    EvidenceTree tree = evidence.tree(windows);
    FlexibilityCoordinator c = chain.coordinator(chain.admin());
    FlexibilityCoordinator.Award a = c.getAward(id, node.getAddress()).send();
    BigInteger payment =
        c.paymentFor(
                a.awardedW, a.duration, a.clearingPrice, BigInteger.valueOf(tree.deliveredWh()))
            .send();
    Settlement admin = chain.settlement(chain.admin());
    EvidenceBatch batch =
        EvidenceBatch.of(
            windows, tree, payment, admin.ownerShare(payment).send(), ledger(node.getAddress()));
    var receipt = chain.settlement(node).submitEvidence(id, batch.toContract()).send();
    BigInteger submission = Settlement.getEvidenceSubmittedEvents(receipt).get(0).submissionId;
    chain.anvil().mine();
    List<String> committee =
        Settlement.getCommitteeDrawnEvents(admin.drawCommittee(submission).send()).get(0).committee;
    int quorum = admin.submissionParams(submission).send().quorum.intValueExact();
    List<byte[]> signatures = new ArrayList<>();
    for (String member : committee.subList(0, quorum)) {
      signatures.add(
          attestations.sign(
              submission,
              tree.root(),
              batch.ledger().root(),
              nodeKeys.get(key(member)).getEcKeyPair()));
    }
    // The attestations are recorded on-chain; the challenge window runs from the quorum.
    admin.attest(submission, committee, signatures).send();
    long attestedAt = admin.getSubmission(submission).send().attestedAt.longValueExact();
    market.warpTo(
        attestedAt + admin.submissionParams(submission).send().challengeWindow.longValueExact());
    admin.finalize(submission, committee).send();
    ledgers.put(key(node.getAddress()), batch.ledger());
  }

  /** A truthful window: readings 2 s inside it, the export register moved {@code wh}. */
  private DeviceWindow window(Delivered d, Market.Timing t) {
    String device = d.device().getAddress();
    long base = sequence++;
    MeterReading first =
        new MeterReading(device, 2 * base + 1, t.start() * 1000 + 2_000, 100, 1_000, 0, 500);
    MeterReading last =
        new MeterReading(
            device, 2 * base + 2, t.end() * 1000 - 2_000, 100, 1_000 + d.wh(), 2_500, 300);
    DeviceWindow w =
        new DeviceWindow(
            d.owner(),
            SignedMeterReading.sign(meter, first, d.device().getEcKeyPair()),
            SignedMeterReading.sign(meter, last, d.device().getEcKeyPair()),
            0,
            Direction.UP);
    // What an attestor checks before signing: each signature recovers to the device itself.
    if (!w.first().signedByDevice(meter) || !w.last().signedByDevice(meter)) {
      throw new IllegalStateException("reading not signed by " + device);
    }
    return w;
  }

  /** The node's finalized cumulative ledger (what its owners can claim now). */
  public RewardLedger ledger(String node) {
    return ledgers.getOrDefault(key(node), new RewardLedger());
  }

  /**
   * A claim in the documented claim-proof JSON format, for {@code owner} against {@code node}'s
   * finalized root, as a node hands it out.
   */
  public Map<String, Object> claim(String node, String owner) {
    RewardClaim c =
        ledger(node)
            .claim(node, owner)
            .orElseThrow(() -> new IllegalArgumentException(owner + " has no leaf at " + node));
    return claim(node, owner, c.cumulativeAmount(), c.proof());
  }

  public Map<String, Object> claim(
      String node, String owner, BigInteger cumulative, List<byte[]> proof) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("chainId", chain.anvil().chainId());
    c.put("settlement", chain.deployment().settlement());
    c.put("node", node);
    c.put("owner", owner);
    c.put("cumulativeAmount", cumulative.toString());
    c.put("proof", proof.stream().map(Numeric::toHexString).toList());
    return c;
  }

  private static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
