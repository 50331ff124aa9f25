package org.openvpp.testnet.round;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.Attestations;
import org.openvpp.contracts.evidence.ChallengeCommitment;
import org.openvpp.contracts.evidence.ContractStructs;
import org.openvpp.contracts.evidence.DeviceWindow;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.EvidenceBatch;
import org.openvpp.contracts.evidence.EvidenceBuilder;
import org.openvpp.contracts.evidence.EvidenceReview;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.MeterTypedData;
import org.openvpp.contracts.evidence.RewardClaim;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.generated.FlexToken;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.governance.Governance;
import org.openvpp.contracts.market.ClearingOrder;
import org.openvpp.contracts.market.SealedBid;
import org.openvpp.contracts.tx.Transactions;
import org.openvpp.node.bids.InMemorySealedBidStore;
import org.openvpp.node.bids.SealedBidBook;
import org.openvpp.node.evidence.Attestor;
import org.openvpp.node.rewards.InMemoryRewardBookStore;
import org.openvpp.node.rewards.RewardBook;
import org.openvpp.node.rewards.SubmissionKey;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

/**
 * Drives whole flexibility rounds on a real chain, as requesters, nodes and attestors would: post
 * with escrow, sealed bids, clearing, device-signed evidence, committee draw, attestations,
 * finalization and owner claims. RoundIT and the gas harness share it so the round is written once.
 * It only drives: each node it plays keeps its sealed bids in the node's {@link SealedBidBook} and
 * its ledgers in the node's {@link RewardBook} (tip, pending, finalized), and evidence is built by
 * {@code contracts.evidence}, the same code a node runs.
 */
public final class RoundDriver {
  public static final BigInteger FLEX = DeploymentParameters.FLEX;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * FLEX a registered node holds besides its stake, to lock bid deposits and performance bonds with
   * (a 20 MW offer for 15 minutes bonds 500 FLEX at the default rate).
   */
  public static final BigInteger DEPOSIT_RESERVE = FLEX.multiply(BigInteger.valueOf(10_000));

  /** Enough allowance for any number of bid deposits and bonds a test or benchmark locks. */
  private static final BigInteger DEPOSIT_ALLOWANCE = FLEX.multiply(BigInteger.TEN.pow(9));

  private final DevChain chain;
  private final Web3j web3j;
  private final Deployment deployment;
  private final Credentials admin;
  private final MeterTypedData meter;
  private final Attestations attestations;
  private final EvidenceBuilder evidence;
  private final EvidenceReview review;
  // What the registry says of each metered device's rating, for the attestors' review.
  private final Map<String, Long> ratedPowerW = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Credentials> nodeKeys = new HashMap<>();
  private final InMemoryRewardBookStore rewardStore = new InMemoryRewardBookStore();
  private final InMemorySealedBidStore bidStore = new InMemorySealedBidStore();
  private final Map<String, RewardBook> books = new HashMap<>();

  /**
   * @param admin deployer account: FLEX minter and governance (mints, pays gas for "anyone" calls)
   */
  public RoundDriver(Anvil anvil, Deployment deployment, Credentials admin) {
    this(DevChain.of(anvil), deployment, admin);
  }

  /** The same on any dev chain, e.g. one another process started. */
  public RoundDriver(DevChain chain, Deployment deployment, Credentials admin) {
    this.chain = chain;
    this.web3j = chain.web3j();
    this.deployment = deployment;
    this.admin = admin;
    BigInteger chainId = BigInteger.valueOf(chain.chainId());
    this.meter = new MeterTypedData(chainId, deployment.deviceRegistry());
    this.attestations = new Attestations(chainId, deployment.settlement());
    this.evidence = new EvidenceBuilder(meter);
    this.review = new EvidenceReview(evidence);
  }

  // ------------------------------------------------------------------ contracts

  public FlexToken token(Credentials as) {
    return FlexToken.load(deployment.flexToken(), web3j, tm(as), Transactions.gas());
  }

  public DeviceRegistry devices(Credentials as) {
    return DeviceRegistry.load(deployment.deviceRegistry(), web3j, tm(as), Transactions.gas());
  }

  public NodeRegistry nodes(Credentials as) {
    return NodeRegistry.load(deployment.nodeRegistry(), web3j, tm(as), Transactions.gas());
  }

  public FlexibilityCoordinator coordinator(Credentials as) {
    return FlexibilityCoordinator.load(deployment.coordinator(), web3j, tm(as), Transactions.gas());
  }

  public FraudProofs fraudProofs(Credentials as) {
    return FraudProofs.load(deployment.fraudProofs(), web3j, tm(as), Transactions.gas());
  }

  public Settlement settlement(Credentials as) {
    return Settlement.load(deployment.settlement(), web3j, tm(as), Transactions.gas());
  }

  public MeterTypedData meter() {
    return meter;
  }

  public Deployment deployment() {
    return deployment;
  }

  public Credentials admin() {
    return admin;
  }

  public Web3j web3j() {
    return web3j;
  }

  /** The deployment's governance timelock, proposing as the admin (the deployer). */
  public Governance governance() {
    return Governance.of(web3j, admin, deployment);
  }

  private org.web3j.tx.TransactionManager tm(Credentials as) {
    return Transactions.manager(web3j, as, chain.chainId());
  }

  // ------------------------------------------------------------------- accounts

  /** A fresh account holding {@code eth} ETH for gas, sent by the admin. */
  public Credentials newAccount(long eth) throws Exception {
    Credentials c = Credentials.create(Keys.createEcKeyPair());
    new Transfer(web3j, tm(admin))
        .sendFunds(
            c.getAddress(),
            BigDecimal.valueOf(eth),
            Convert.Unit.ETHER,
            Transactions.GAS_PRICE,
            Transfer.GAS_LIMIT)
        .send();
    return c;
  }

  public void mint(String to, BigInteger amount) throws Exception {
    token(admin).mint(to, amount).send();
  }

  public BigInteger balance(String account) throws Exception {
    return token(admin).balanceOf(account).send();
  }

  /**
   * Mints {@code stake} plus {@link #DEPOSIT_RESERVE} to {@code node}, registers it in {@code zone}
   * with that stake and lets the coordinator pull its bid deposits and bonds. Its key is kept so it
   * can sign attestations when drawn.
   */
  public TransactionReceipt registerNode(Credentials node, byte[] zone, BigInteger stake)
      throws Exception {
    mint(node.getAddress(), stake.add(DEPOSIT_RESERVE));
    token(node).approve(deployment.nodeRegistry(), stake).send();
    token(node).approve(deployment.coordinator(), DEPOSIT_ALLOWANCE).send();
    byte[] peerId = new byte[38];
    RANDOM.nextBytes(peerId);
    TransactionReceipt r = nodes(node).register(peerId, zone, stake).send();
    nodeKeys.put(key(node.getAddress()), node);
    return r;
  }

  /**
   * The device's owner assigns it to {@code node}, the node that will submit its evidence: a
   * device's window counts only in evidence from the node assigned at the window's start, so call
   * this before the window opens.
   */
  public TransactionReceipt assignNode(Credentials owner, MeterDevice device, Credentials node)
      throws Exception {
    return devices(owner).setNode(device.address(), node.getAddress()).send();
  }

  // ----------------------------------------------------------------------- time

  public long now() {
    return chain.latestTimestamp();
  }

  /** Moves chain time to at least {@code timestamp} and mines a block there. */
  public void warpTo(long timestamp) {
    chain.warpTo(timestamp);
  }

  // ------------------------------------------------------------------- requests

  /** A posted request with its timing (bid, reveal, window) in chain seconds. */
  public record Request(
      BigInteger id,
      Direction direction,
      long powerW,
      long bidDeadline,
      long revealDeadline,
      long start,
      long duration,
      BigInteger maxPricePerKWh,
      BigInteger escrow,
      TransactionReceipt receipt) {
    public long end() {
      return start + duration;
    }
  }

  /**
   * Approves the escrow and posts: bidding closes in 100 s, revealing 100 s later, the window
   * starts 100 s after that (short, since tests move chain time instead of waiting).
   */
  public Request post(
      Credentials requester,
      byte[] zone,
      Direction direction,
      long powerW,
      long durationSeconds,
      BigInteger maxPricePerKWh)
      throws Exception {
    FlexibilityCoordinator c = coordinator(requester);
    BigInteger escrow =
        c.maxCost(BigInteger.valueOf(powerW), BigInteger.valueOf(durationSeconds), maxPricePerKWh)
            .send();
    token(requester).approve(deployment.coordinator(), escrow).send();
    long now = now();
    long bid = now + 100;
    long reveal = now + 200;
    long start = now + 300;
    TransactionReceipt r =
        c.postRequest(
                new FlexibilityCoordinator.RequestParams(
                    zone,
                    BigInteger.valueOf(direction.ordinal()),
                    BigInteger.valueOf(powerW),
                    BigInteger.valueOf(start),
                    BigInteger.valueOf(durationSeconds),
                    maxPricePerKWh,
                    BigInteger.valueOf(bid),
                    BigInteger.valueOf(reveal)))
            .send();
    BigInteger id = FlexibilityCoordinator.getRequestPostedEvents(r).get(0).requestId;
    return new Request(
        id, direction, powerW, bid, reveal, start, durationSeconds, maxPricePerKWh, escrow, r);
  }

  /** What a node offers: power and price; the node's bid book seals it with a salt. */
  public record Offer(Credentials node, long powerW, BigInteger pricePerKWh) {}

  /** A bid whose commitment is on-chain, and the transaction that put it there. */
  public record CommittedBid(Offer offer, SealedBid bid, TransactionReceipt receipt) {}

  /** The node seals the offer in its bid book (salt kept), then commits on-chain. */
  public CommittedBid commit(Request r, Offer offer) throws Exception {
    SealedBidBook bids = bids(offer.node().getAddress());
    SealedBid bid = bids.seal(r.id(), offer.powerW(), offer.pricePerKWh());
    TransactionReceipt receipt =
        coordinator(offer.node()).commitBid(r.id(), bid.commitment()).send();
    bids.committed(r.id());
    return new CommittedBid(offer, bid, receipt);
  }

  /** Reveals exactly what the node's bid book sealed. */
  public TransactionReceipt reveal(CommittedBid committed) throws Exception {
    SealedBidBook bids = bids(committed.offer().node().getAddress());
    SealedBid bid = bids.toReveal(committed.bid().requestId());
    TransactionReceipt r =
        coordinator(committed.offer().node())
            .revealBid(
                bid.requestId(), BigInteger.valueOf(bid.powerW()), bid.pricePerKWh(), bid.salt())
            .send();
    bids.revealed(bid.requestId());
    return r;
  }

  /**
   * Clears after the reveal deadline with the merit order read from the chain (the contract checks
   * the order it is given); anyone may, the admin pays the gas here.
   */
  public TransactionReceipt clear(Request r) throws Exception {
    warpTo(r.revealDeadline());
    FlexibilityCoordinator c = coordinator(admin);
    return c.clear(r.id(), ClearingOrder.of(c, r.id())).send();
  }

  public record Auction(
      List<CommittedBid> bids, List<TransactionReceipt> reveals, TransactionReceipt clear) {}

  /** Commits every offer, reveals them after the bid deadline and clears after the reveal one. */
  public Auction auction(Request r, List<Offer> offers) throws Exception {
    List<CommittedBid> bids = new ArrayList<>();
    for (Offer o : offers) {
      bids.add(commit(r, o));
    }
    warpTo(r.bidDeadline());
    List<TransactionReceipt> reveals = new ArrayList<>();
    for (CommittedBid b : bids) {
      reveals.add(reveal(b));
    }
    return new Auction(bids, reveals, clear(r));
  }

  // ------------------------------------------------------------------- evidence

  /**
   * Meters the request's window on every device: device i delivers {@code deliveredWh[i]} on top of
   * {@code baselineWh}. Signing is spread over the cores (10,000 devices sign 20,000 readings).
   */
  public List<DeviceWindow> meterWindow(
      Request r, List<MeterDevice> devices, long[] deliveredWh, long baselineWh) {
    return meterWindow(
        r.start() * 1000, r.end() * 1000, r.direction(), devices, deliveredWh, baselineWh);
  }

  public List<DeviceWindow> meterWindow(
      long startMs,
      long endMs,
      Direction direction,
      List<MeterDevice> devices,
      long[] deliveredWh,
      long baselineWh) {
    if (deliveredWh.length != devices.size()) {
      throw new IllegalArgumentException("one delivery per device");
    }
    devices.forEach(d -> ratedPowerW.put(key(d.address()), d.ratedPowerW()));
    return IntStream.range(0, devices.size())
        .parallel()
        .mapToObj(
            i ->
                devices
                    .get(i)
                    .deliver(meter, startMs, endMs, direction, baselineWh, deliveredWh[i]))
        .toList();
  }

  /** The node's evidence for its award in {@code r}: payment as the coordinator computes it. */
  public EvidenceBatch evidenceFor(Credentials node, Request r, List<DeviceWindow> windows)
      throws Exception {
    FlexibilityCoordinator c = coordinator(admin);
    FlexibilityCoordinator.Award a = c.getAward(r.id(), node.getAddress()).send();
    EvidenceTree tree = evidence.tree(windows);
    BigInteger payment =
        c.paymentFor(
                a.awardedW, a.duration, a.clearingPrice, BigInteger.valueOf(tree.deliveredWh()))
            .send();
    return batch(node, windows, tree, payment);
  }

  /** The node's evidence for contribution epoch: exports paid at the contribution price. */
  public EvidenceBatch evidenceForEpoch(Credentials node, List<DeviceWindow> windows)
      throws Exception {
    EvidenceTree tree = evidence.tree(windows);
    BigInteger price = settlement(admin).params().send().contributionPricePerKWh;
    return batch(node, windows, tree, EvidenceBatch.contributionPayment(tree.deliveredWh(), price));
  }

  /** The owners' share as Settlement computes it, split on top of the node's tip. */
  private EvidenceBatch batch(
      Credentials node, List<DeviceWindow> windows, EvidenceTree tree, BigInteger payment)
      throws Exception {
    BigInteger share = settlement(admin).ownerShare(payment).send();
    return book(node.getAddress()).next(windows, tree, payment, share);
  }

  /** A posted submission; {@code key} names it in the node's reward book. */
  public record Submitted(
      BigInteger id,
      SubmissionKey key,
      Credentials node,
      EvidenceBatch batch,
      TransactionReceipt receipt) {}

  public Submitted submit(Credentials node, Request r, EvidenceBatch b) throws Exception {
    warpTo(r.end());
    return posted(
        node,
        SubmissionKey.evidence(r.id()),
        b,
        settlement(node).submitEvidence(r.id(), b.toContract()).send());
  }

  public Submitted submitContribution(Credentials node, long epoch, EvidenceBatch b)
      throws Exception {
    return posted(
        node,
        SubmissionKey.contribution(epoch),
        b,
        settlement(node).submitContribution(BigInteger.valueOf(epoch), b.toContract()).send());
  }

  private Submitted posted(
      Credentials node, SubmissionKey key, EvidenceBatch b, TransactionReceipt r) {
    BigInteger id = Settlement.getEvidenceSubmittedEvents(r).get(0).submissionId;
    book(node.getAddress()).submitted(key, b.ledger());
    return new Submitted(id, key, node, b, r);
  }

  public record Committee(List<String> members, TransactionReceipt receipt) {}

  /** Mines the seed block (the one after the submission's), then draws; anyone may. */
  public Committee drawCommittee(Submitted s) throws Exception {
    chain.mine();
    TransactionReceipt r = settlement(admin).drawCommittee(s.id()).send();
    var drawn = Settlement.getCommitteeDrawnEvents(r);
    if (drawn.isEmpty()) {
      throw new IllegalStateException("no committee drawn for submission " + s.id());
    }
    return new Committee(List.copyOf(drawn.get(0).committee), r);
  }

  /**
   * Who signed an attestation, in the order of their signatures, and the transaction that recorded
   * them on-chain.
   */
  public record Attestation(
      List<String> signers, List<byte[]> signatures, TransactionReceipt receipt) {}

  /**
   * Signatures of {@code count} committee members, taken in committee order among the nodes whose
   * keys this driver holds (a member it does not drive simply does not sign, as an offline peer),
   * recorded on-chain with {@code attest} (anyone may post them); the challenge window starts when
   * the quorum is recorded. Each member decides as the node's {@link Attestor}: it reviews the
   * served windows and ledger against what was posted and refuses to sign anything else.
   */
  public Attestation attest(Submitted s, Committee c, int count) throws Exception {
    EvidenceBatch b = s.batch();
    EvidenceReview.Posted posted =
        new EvidenceReview.Posted(
            b.tree().root(), b.ledger().root(), b.ledger().total(), b.ownerShare());
    EvidenceReview.Served served =
        new EvidenceReview.Served(b.windows(), b.previous(), ratedPowerW);
    EvidenceBuilder.Window window =
        ContractStructs.window(fraudProofs(admin).windowOf(s.id()).send());
    List<String> signers = new ArrayList<>();
    List<byte[]> signatures = new ArrayList<>();
    for (String member : c.members()) {
      Credentials k = nodeKeys.get(key(member));
      if (k != null && signers.size() < count) {
        Attestor.Decision d =
            new Attestor(attestations, review, k).decide(s.id(), window, posted, served);
        if (!d.signed()) {
          throw new IllegalStateException(member + " refuses to attest: " + d.problems());
        }
        signers.add(member);
        signatures.add(d.signature());
      }
    }
    if (signers.size() < count) {
      throw new IllegalStateException(
          count + " signatures needed but only " + signers + " of " + c.members() + " are driven");
    }
    TransactionReceipt r = settlement(admin).attest(s.id(), c.members(), signatures).send();
    return new Attestation(signers, signatures, r);
  }

  /** Lets a node registered elsewhere (with its key at hand) sign when drawn. */
  public void adoptNode(Credentials node) {
    nodeKeys.put(key(node.getAddress()), node);
  }

  /** Signatures needed: the submission's quorum (a drawn committee always has that many seats). */
  public int quorum(Submitted s) throws Exception {
    return settlement(admin).submissionParams(s.id()).send().quorum.intValueExact();
  }

  /**
   * Waits out the challenge window that started with the recorded quorum, in chain time, then
   * finalizes; anyone may, and the fee goes to every recorded attestor.
   */
  public TransactionReceipt finalize(Submitted s, Committee c) throws Exception {
    Settlement st = settlement(admin);
    long attestedAt = st.getSubmission(s.id()).send().attestedAt.longValueExact();
    if (attestedAt == 0) {
      throw new IllegalStateException("submission " + s.id() + " has no recorded quorum");
    }
    warpTo(attestedAt + st.submissionParams(s.id()).send().challengeWindow.longValueExact());
    TransactionReceipt r = st.finalize(s.id(), c.members()).send();
    book(s.node().getAddress()).finalized(s.key());
    return r;
  }

  /** One node's path from evidence to final: submit, draw, a quorum attests on-chain, finalize. */
  public record Settled(
      Submitted submitted,
      Committee committee,
      Attestation attestation,
      TransactionReceipt finalized) {
    public long evidenceGas() {
      return gas(submitted.receipt())
          + gas(committee.receipt())
          + gas(attestation.receipt())
          + gas(finalized);
    }
  }

  public Settled settle(Credentials node, Request r, List<DeviceWindow> windows) throws Exception {
    Submitted s = submit(node, r, evidenceFor(node, r, windows));
    Committee c = drawCommittee(s);
    Attestation a = attest(s, c, quorum(s));
    return new Settled(s, c, a, finalize(s, c));
  }

  /**
   * Proves leaf {@code leafIndex} fraudulent with its two signed readings: commits to the
   * challenge, then reveals it from the same account in a later block (FraudProofs is
   * commit-reveal, so a copied challenge pays nobody else). On success the node's book drops its
   * pending ledgers, as the contract resets the node's chain.
   */
  public TransactionReceipt challenge(Credentials challenger, Submitted s, int leafIndex)
      throws Exception {
    EvidenceBatch b = s.batch();
    DeviceWindow w = b.windows().get(leafIndex);
    ChallengeCommitment commitment =
        ChallengeCommitment.of(
            challenger.getAddress(),
            s.id(),
            ChallengeCommitment.leafHash(b.tree().leaves().get(leafIndex)));
    fraudProofs(challenger).commitChallenge(commitment.commitment()).send();
    TransactionReceipt r =
        fraudProofs(challenger)
            .challenge(
                s.id(),
                b.leaf(leafIndex),
                b.tree().proof(leafIndex),
                ContractStructs.signed(w.first()),
                ContractStructs.signed(w.last()),
                commitment.salt())
            .send();
    book(s.node().getAddress()).dropped(s.key());
    return r;
  }

  // --------------------------------------------------------------------- claims

  /** The owner's claim against the node's last finalized reward root, from the node's book. */
  public RewardClaim ticket(String node, String owner) {
    return book(node).claimable(owner).stream()
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(owner + " has nothing final at " + node));
  }

  public TransactionReceipt claim(Credentials sender, RewardClaim t) throws Exception {
    return settlement(sender).claim(t.node(), t.owner(), t.cumulativeAmount(), t.proof()).send();
  }

  public TransactionReceipt claimMany(Credentials sender, List<RewardClaim> tickets)
      throws Exception {
    return settlement(sender)
        .claimMany(tickets.stream().map(ContractStructs::claim).toList())
        .send();
  }

  /**
   * Continues a node's ledger from an earlier process, as a restarted node reloads its own; the
   * node's book takes it only if its root is the claim root Settlement holds for the node.
   */
  public void resumeLedger(String node, RewardLedger finalized) throws Exception {
    byte[] claimRoot = settlement(admin).nodeRewards(node).send().claimRoot;
    book(node).restore(finalized, claimRoot);
  }

  /** The node's ledger as of its last finalized submission (what owners can claim). */
  public RewardLedger finalizedLedger(String node) {
    return book(node).finalized();
  }

  public static long gas(TransactionReceipt r) {
    return r.getGasUsed().longValueExact();
  }

  private RewardBook book(String node) {
    return books.computeIfAbsent(key(node), k -> new RewardBook(k, rewardStore));
  }

  private SealedBidBook bids(String node) {
    return new SealedBidBook(node, bidStore);
  }

  private static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
