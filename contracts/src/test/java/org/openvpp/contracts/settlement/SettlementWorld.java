package org.openvpp.contracts.settlement;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openvpp.contracts.deploy.Deployer;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.deploy.SettlementParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.evidence.Attestations;
import org.openvpp.contracts.evidence.ChallengeCommitment;
import org.openvpp.contracts.evidence.ContractStructs;
import org.openvpp.contracts.evidence.DeviceWindow;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.EvidenceBatch;
import org.openvpp.contracts.evidence.EvidenceLeaf;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.MeterTypedData;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.evidence.SignedMeterReading;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.OwnerBinding;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Market;
import org.openvpp.contracts.testing.Oem;
import org.openvpp.contracts.testing.TestContracts;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * The common settlement flow on a real Anvil: five staked nodes in one zone, an OEM with a 5 kW
 * battery model and four registered devices, a requester and a challenger. Building this takes ~40
 * transactions, so it is built once per chain and every test starts from an {@code evm_snapshot} of
 * it ({@link #fresh}); tests then post requests, auction them, sign readings and drive submission,
 * committee, attestation, challenge and claims through the helpers here.
 */
public final class SettlementWorld {
  static final BigInteger FLEX = ChainFixture.FLEX;
  public static final long RATED_W = 5_000;
  static final long CAPACITY_WH = 13_500;
  static final long POWER_W = 6_000;
  static final long DURATION_S = 3_600;

  /** Clearing price 0.2 FLEX/kWh; requests cap at twice that so a dearer bid can lose. */
  static final BigInteger PRICE = FLEX.divide(BigInteger.valueOf(5));

  static final long STAKE_FLEX = 2_000;
  public static final long CHALLENGE_S = 600;
  public static final long EVIDENCE_PERIOD_S = 86_400;
  public static final long SLACK_MS = 300_000;
  public static final long EPOCH_S = 600;
  public static final BigInteger FRAUD_SLASH = FLEX.multiply(BigInteger.valueOf(500));
  public static final BigInteger CONTRIBUTION_PRICE = FLEX.divide(BigInteger.valueOf(20));
  public static final int FEE_BPS = 200;
  public static final long ATTESTATION_TIMEOUT_S = 900;
  public static final BigInteger ATTESTOR_SLASH = FLEX.multiply(BigInteger.valueOf(100));

  /** The challenger is paid 40 % of a slash; the rest goes to the requester or the pool. */
  public static final int CHALLENGER_SHARE_BPS = 4_000;

  /** What the challenger is paid of a full fraud slash. */
  public static BigInteger challengerShare() {
    return FRAUD_SLASH
        .multiply(BigInteger.valueOf(CHALLENGER_SHARE_BPS))
        .divide(BigInteger.valueOf(10_000));
  }

  /** The rest of a full fraud slash: the requester's credit, or back to the contribution pool. */
  public static BigInteger slashRest() {
    return FRAUD_SLASH.subtract(challengerShare());
  }

  /** Committee of three with quorum two keeps draws and signatures cheap. */
  public static SettlementParameters parameters() {
    return new SettlementParameters(
        3,
        2,
        FEE_BPS,
        CHALLENGE_S,
        EVIDENCE_PERIOD_S,
        SLACK_MS,
        EPOCH_S,
        FRAUD_SLASH,
        CONTRIBUTION_PRICE,
        ATTESTATION_TIMEOUT_S,
        ATTESTOR_SLASH,
        CHALLENGER_SHARE_BPS);
  }

  // One world per test class's Anvil (a handful per run; a closed chain's entry is never read).
  private static final Map<Anvil, String> SNAPSHOTS = new ConcurrentHashMap<>();
  private static final Map<Anvil, SettlementWorld> WORLDS = new ConcurrentHashMap<>();

  public final Anvil anvil;
  public final ChainFixture chain;
  public final Market market;
  final Oem oem;
  public final List<Credentials> nodes;
  public final Credentials requester;
  public final Credentials challenger;
  public final List<Credentials> devices;
  final MeterTypedData meter;
  public final Attestations attestations;
  private final HttpService rpc;

  private SettlementWorld(Anvil anvil, ChainFixture chain) throws Exception {
    this.anvil = anvil;
    this.chain = chain;
    this.rpc = new HttpService(anvil.rpcUrl());
    this.market = new Market(chain);
    this.requester = chain.account(2);
    this.challenger = chain.account(9);
    List<Credentials> n = new ArrayList<>();
    for (int i = 3; i <= 7; i++) {
      market.registerNode(chain.account(i), Market.ZONE, STAKE_FLEX);
      n.add(chain.account(i));
    }
    this.nodes = List.copyOf(n);
    this.oem = Oem.admit(chain, chain.account(1), "Acme Batteries");
    long model = oem.model(DeviceClass.HOME_BATTERY, RATED_W, CAPACITY_WH);
    List<Credentials> d = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Credentials key = Oem.newDeviceKey();
      DeviceCertificate cert =
          Oem.certificate(key, model, DeviceClass.HOME_BATTERY, RATED_W, CAPACITY_WH);
      oem.registry().registerDevice(cert.toContractStruct(), oem.sign(cert)).send();
      d.add(key);
    }
    this.devices = List.copyOf(d);
    BigInteger chainId = BigInteger.valueOf(anvil.chainId());
    this.meter = new MeterTypedData(chainId, chain.deployment().deviceRegistry());
    this.attestations = new Attestations(chainId, chain.deployment().settlement());
  }

  /** The world on the FLEX token, reset to its snapshot. One world per chain (per test class). */
  public static SettlementWorld fresh(Anvil anvil) throws Exception {
    return fresh(anvil, false);
  }

  /**
   * @param hookToken deploy against the test token with transfer hooks instead of FLEX
   */
  static SettlementWorld fresh(Anvil anvil, boolean hookToken) throws Exception {
    SettlementWorld world = WORLDS.get(anvil);
    if (world == null) {
      world = new SettlementWorld(anvil, hookToken ? hookChain(anvil) : flexChain(anvil));
      WORLDS.put(anvil, world);
    } else {
      // evm_revert consumes the snapshot: revert, then take a new one for the next test.
      world.rpc("evm_revert", List.of(SNAPSHOTS.get(anvil)));
    }
    SNAPSHOTS.put(anvil, String.valueOf(world.rpc("evm_snapshot", List.of())));
    return world;
  }

  private static ChainFixture flexChain(Anvil anvil) {
    return new ChainFixture(anvil, DeploymentParameters.defaults().withSettlement(parameters()));
  }

  private static ChainFixture hookChain(Anvil anvil) throws Exception {
    Credentials admin = anvil.credentials(0);
    String token =
        TestContracts.deploy(anvil.web3j(), admin, anvil.chainId(), "LenientHookToken", "");
    long block = anvil.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    Deployment deployment =
        new Deployer(anvil.web3j(), admin, anvil.chainId())
            .deployWithToken(
                DeploymentParameters.defaults().withSettlement(parameters()), token, block);
    return new ChainFixture(anvil, deployment);
  }

  // ------------------------------------------------------------------ chain

  /** Raw JSON-RPC to Anvil (snapshots, mining many blocks). */
  public Object rpc(String method, List<?> params) throws IOException {
    RawResponse response = new Request<>(method, params, rpc, RawResponse.class).send();
    if (response.hasError()) {
      throw new IllegalStateException(method + ": " + response.getError().getMessage());
    }
    return response.getResult();
  }

  /** Mines {@code blocks} empty blocks in one call. */
  public void mine(long blocks) throws IOException {
    rpc("anvil_mine", List.of("0x" + Long.toHexString(blocks)));
  }

  public long blockNumber() throws IOException {
    return anvil.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
  }

  Settlement settlement(Credentials as) {
    return chain.settlement(as);
  }

  Settlement settlement() {
    return chain.settlement(chain.admin());
  }

  /** Runs a governance call on Settlement through the timelock (the fixture's delay is 0). */
  void govern(
      java.util.function.Function<Settlement, org.web3j.protocol.core.RemoteFunctionCall<?>> call)
      throws Exception {
    chain.govern(settlement(), call);
  }

  FraudProofs fraudProofs(Credentials as) {
    return chain.fraudProofs(as);
  }

  /**
   * A single-leaf challenge as a watcher sends it: commit to it (FraudProofs.commitChallenge), then
   * reveal it from the same account in the next block.
   */
  TransactionReceipt challenge(
      Credentials as,
      BigInteger id,
      FraudProofs.Leaf leaf,
      List<byte[]> proof,
      Signed first,
      Signed last)
      throws Exception {
    FraudProofs fraudProofs = fraudProofs(as);
    byte[] salt = commit(as, id, fraudProofs.evidenceLeaf(leaf).send());
    return fraudProofs
        .challenge(id, leaf, proof, first.toContract(), last.toContract(), salt)
        .send();
  }

  /**
   * Commits {@code as} to a challenge of {@code id} over {@code evidenceHash}; the salt. Mines one
   * empty block after the commit: a reveal that reverts is explained by replaying it on the state
   * before its block (RevertReasons), which must already be later than the commit's block.
   */
  byte[] commit(Credentials as, BigInteger id, byte[] evidenceHash) throws Exception {
    ChallengeCommitment c = ChallengeCommitment.of(as.getAddress(), id, evidenceHash);
    fraudProofs(as).commitChallenge(c.commitment()).send();
    anvil.mine();
    return c.salt();
  }

  FlexibilityCoordinator coordinator(Credentials as) {
    return chain.coordinator(as);
  }

  String settlementAddress() {
    return chain.deployment().settlement();
  }

  BigInteger balance(String who) throws Exception {
    return chain.token(chain.admin()).balanceOf(who).send();
  }

  BigInteger stake(Credentials node) throws Exception {
    return chain.nodes(chain.admin()).stakeOf(node.getAddress()).send();
  }

  /** A fresh account (owners never send transactions; anyone may claim for them). */
  static String freshAddress() {
    return Oem.newDeviceKey().getAddress();
  }

  Credentials credentialsOf(String address) {
    return nodes.stream()
        .filter(c -> c.getAddress().equalsIgnoreCase(address))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a node: " + address));
  }

  /**
   * Binds {@code deviceKeys} to a fresh owner (the device key signs) who assigns them to {@code
   * node}: what DeviceRegistry.managedDevices counts, which caps an epoch's payment.
   */
  void manage(Credentials node, List<Credentials> deviceKeys) throws Exception {
    manage(node, market.fundedAccount(), deviceKeys);
  }

  /**
   * Binds {@code deviceKeys} to {@code owner} (who pays the gas of assigning them) and assigns them
   * to {@code node}.
   */
  public void manage(Credentials node, Credentials owner, List<Credentials> deviceKeys)
      throws Exception {
    var anyone = chain.devices(chain.admin());
    for (Credentials device : deviceKeys) {
      BigInteger nonce = anyone.nonces(device.getAddress()).send();
      byte[] bind =
          Signatures.sign(
              new OwnerBinding(owner.getAddress(), nonce).digest(oem.domain()),
              device.getEcKeyPair());
      anyone.bindOwner(device.getAddress(), owner.getAddress(), bind).send();
      chain.devices(owner).setNode(device.getAddress(), node.getAddress()).send();
    }
  }

  // ---------------------------------------------------------------- market

  /** What a node bids in {@link #auction}. */
  record Bid(Credentials node, long powerW, BigInteger price) {}

  /** Requests with one shared timing, auctioned together. */
  record Round(Market.Timing timing, List<BigInteger> requests, Direction direction) {
    BigInteger request() {
      return requests.get(0);
    }

    Window window() {
      return new Window(timing.start() * 1000, timing.end() * 1000);
    }
  }

  /** A delivery window in chain milliseconds. */
  record Window(long startMs, long endMs) {}

  /**
   * Posts {@code count} requests of {@link #POWER_W} for one hour with the same timing, commits
   * every bid on every request, reveals and clears them all.
   */
  Round auction(Direction direction, int count, List<Bid> bids) throws Exception {
    Market.Timing t = market.timing(DURATION_S);
    List<BigInteger> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(
          market.post(
              requester, Market.ZONE, direction, POWER_W, PRICE.multiply(BigInteger.TWO), t));
    }
    List<Market.SealedBid> sealed = new ArrayList<>();
    for (BigInteger id : ids) {
      for (Bid bid : bids) {
        sealed.add(market.commit(bid.node(), id, bid.powerW(), bid.price()));
      }
    }
    market.warpTo(t.bidDeadline());
    for (Market.SealedBid bid : sealed) {
      market.reveal(bid);
    }
    market.warpTo(t.revealDeadline());
    for (BigInteger id : ids) {
      market.clear(id);
    }
    return new Round(t, List.copyOf(ids), direction);
  }

  /** One Up request that {@code winner} wins outright at {@link #PRICE}. */
  Round win(Credentials winner) throws Exception {
    return auction(Direction.UP, 1, List.of(new Bid(winner, POWER_W, PRICE)));
  }

  void warpPastEnd(Round round) throws Exception {
    market.warpTo(round.timing().end());
  }

  void passChallengeWindow() throws Exception {
    market.warpTo(market.now() + CHALLENGE_S);
  }

  // -------------------------------------------------------------- readings

  /** A reading with the device's signature over its "OpenVPP Meter" digest. */
  public record Signed(MeterReading reading, byte[] signature) {
    public FraudProofs.SignedReading toContract() {
      return ContractStructs.signed(new SignedMeterReading(reading, signature));
    }
  }

  /** One device's leaf together with the two signed readings it commits to. */
  public record DeviceEvidence(EvidenceLeaf leaf, Signed first, Signed last) {
    public FraudProofs.Leaf contractLeaf() {
      return SettlementWorld.toContract(leaf);
    }
  }

  static FraudProofs.MeterReading toContract(MeterReading r) {
    return ContractStructs.reading(r);
  }

  static FraudProofs.Leaf toContract(EvidenceLeaf l) {
    return ContractStructs.leaf(l);
  }

  Signed sign(Credentials deviceKey, MeterReading r) {
    return new Signed(r, Signatures.sign(meter.digest(r), deviceKey.getEcKeyPair()));
  }

  /** A leaf over two readings signed by {@code deviceKey}, claiming {@code deliveredWh}. */
  public DeviceEvidence leaf(
      Credentials deviceKey,
      String owner,
      MeterReading first,
      MeterReading last,
      long baselineWh,
      long deliveredWh) {
    Signed a = sign(deviceKey, first);
    Signed b = sign(deviceKey, last);
    return new DeviceEvidence(
        new EvidenceLeaf(
            deviceKey.getAddress(),
            owner,
            meter.digest(first),
            meter.digest(last),
            baselineWh,
            deliveredWh),
        a,
        b);
  }

  /** The first reading of a window: 2 s after its start, registers at 100 Wh in, 1000 Wh out. */
  static MeterReading firstReading(Credentials deviceKey, Window w) {
    return new MeterReading(deviceKey.getAddress(), 10, w.startMs() + 2_000, 100, 1_000, 0, 500);
  }

  /** The last reading, 2 s before the window's end, having moved {@code movedWh} that way. */
  static MeterReading lastReading(Credentials deviceKey, Window w, long movedWh, Direction d) {
    long in = d == Direction.DOWN ? movedWh : 0;
    long out = d == Direction.UP ? movedWh : 0;
    return new MeterReading(
        deviceKey.getAddress(), 20, w.endMs() - 2_000, 100 + in, 1_000 + out, 2_500, 300);
  }

  /** A truthful leaf, built as a node builds it (DeviceWindow: the readings' own delivery). */
  DeviceEvidence honest(
      Credentials deviceKey, String owner, Window w, long movedWh, long baselineWh, Direction d) {
    DeviceWindow window =
        new DeviceWindow(
            owner,
            SignedMeterReading.sign(meter, firstReading(deviceKey, w), deviceKey.getEcKeyPair()),
            SignedMeterReading.sign(
                meter, lastReading(deviceKey, w, movedWh, d), deviceKey.getEcKeyPair()),
            baselineWh,
            d);
    return new DeviceEvidence(
        window.leaf(meter),
        new Signed(window.first().reading(), window.first().signature()),
        new Signed(window.last().reading(), window.last().signature()));
  }

  DeviceEvidence honest(Credentials deviceKey, String owner, Window w, long exportedWh) {
    return honest(deviceKey, owner, w, exportedWh, 0, Direction.UP);
  }

  // -------------------------------------------------------------- evidence

  /** What a node posts: its leaves, their root, and its next cumulative reward ledger. */
  record Batch(
      List<DeviceEvidence> devices, EvidenceTree tree, RewardLedger ledger, BigInteger payment) {
    Settlement.Evidence evidence() {
      return ContractStructs.evidence(tree, ledger);
    }

    FraudProofs.Leaf leaf(int i) {
      return devices.get(i).contractLeaf();
    }

    List<byte[]> proof(int i) {
      return tree.proof(i);
    }

    List<byte[]> rewardProof(String owner) {
      return ledger.tree().proof(owner);
    }

    BigInteger cumulative(String owner) {
      return ledger.tree().amountOf(owner);
    }
  }

  /**
   * The batch for {@code node}'s award in {@code requestId}: payment as the coordinator computes
   * it, owner share as Settlement computes it, split over the leaves' owners on top of {@code
   * previous}.
   */
  Batch forRequest(
      Credentials node, BigInteger requestId, RewardLedger previous, List<DeviceEvidence> leaves)
      throws Exception {
    return forRequest(
        node,
        requestId,
        previous,
        leaves,
        new EvidenceTree(leaves.stream().map(DeviceEvidence::leaf).toList()));
  }

  /** {@link #forRequest} over a given tree (a cheater's, see EvidenceTree.allowingDuplicates). */
  Batch forRequest(
      Credentials node,
      BigInteger requestId,
      RewardLedger previous,
      List<DeviceEvidence> leaves,
      EvidenceTree tree)
      throws Exception {
    FlexibilityCoordinator.Award award =
        coordinator(node).getAward(requestId, node.getAddress()).send();
    BigInteger payment =
        coordinator(node)
            .paymentFor(
                award.awardedW,
                award.duration,
                award.clearingPrice,
                BigInteger.valueOf(tree.deliveredWh()))
            .send();
    return batch(leaves, tree, previous, payment);
  }

  /** The batch of a contribution epoch: deliveredWh × contributionPricePerKWh / 1000. */
  Batch forEpoch(RewardLedger previous, List<DeviceEvidence> leaves) throws Exception {
    EvidenceTree tree = new EvidenceTree(leaves.stream().map(DeviceEvidence::leaf).toList());
    BigInteger payment =
        EvidenceBatch.contributionPayment(
            tree.deliveredWh(), settlement().params().send().contributionPricePerKWh);
    return batch(leaves, tree, previous, payment);
  }

  private Batch batch(
      List<DeviceEvidence> leaves, EvidenceTree tree, RewardLedger previous, BigInteger payment)
      throws Exception {
    BigInteger share = settlement().ownerShare(payment).send();
    return new Batch(List.copyOf(leaves), tree, previous.plus(share, tree), payment);
  }

  BigInteger submit(Credentials node, BigInteger requestId, Batch b) throws Exception {
    return submissionId(settlement(node).submitEvidence(requestId, b.evidence()).send());
  }

  BigInteger submitEpoch(Credentials node, long epoch, Batch b) throws Exception {
    return submissionId(
        settlement(node).submitContribution(BigInteger.valueOf(epoch), b.evidence()).send());
  }

  private static BigInteger submissionId(TransactionReceipt receipt) {
    return Settlement.getEvidenceSubmittedEvents(receipt).get(0).submissionId;
  }

  /** Mines the seed block, then draws; the committee as CommitteeDrawn emitted it. */
  List<String> draw(BigInteger submissionId) throws Exception {
    anvil.mine();
    TransactionReceipt receipt = settlement().drawCommittee(submissionId).send();
    return Settlement.getCommitteeDrawnEvents(receipt).get(0).committee;
  }

  /** Attestation signatures of {@code signers} (committee members' addresses). */
  List<byte[]> attest(BigInteger submissionId, Batch b, List<String> signers) {
    List<byte[]> signatures = new ArrayList<>();
    for (String signer : signers) {
      signatures.add(
          attestations.sign(
              submissionId,
              b.tree().root(),
              b.ledger().tree().root(),
              credentialsOf(signer).getEcKeyPair()));
    }
    return signatures;
  }

  /** The first {@code quorum} members: the least that finalizes. */
  static List<String> quorumOf(List<String> committee) {
    return committee.subList(0, parameters().quorum());
  }

  /** Records the attestations of {@code signers} on-chain (anyone may post them). */
  TransactionReceipt record(BigInteger id, List<String> committee, Batch b, List<String> signers)
      throws Exception {
    return settlement().attest(id, committee, attest(id, b, signers)).send();
  }

  /**
   * Records a quorum of attestations, waits out the challenge window that starts with them, and
   * finalizes.
   */
  TransactionReceipt finalizeWithQuorum(BigInteger id, List<String> committee, Batch b)
      throws Exception {
    record(id, committee, b, quorumOf(committee));
    passChallengeWindow();
    return settlement().finalize(id, committee).send();
  }

  /** A submission with its drawn committee. */
  record Posted(BigInteger id, Batch batch, List<String> committee) {}

  Posted post(Credentials node, BigInteger requestId, Batch b) throws Exception {
    BigInteger id = submit(node, requestId, b);
    return new Posted(id, b, draw(id));
  }

  /** Submits, draws, records a quorum, waits out the challenge window and finalizes. */
  Posted settle(Credentials node, BigInteger requestId, Batch b) throws Exception {
    Posted p = post(node, requestId, b);
    finalizeWithQuorum(p.id(), p.committee(), b);
    return p;
  }

  /** A JSON-RPC answer of any shape. */
  public static final class RawResponse extends Response<Object> {}
}
