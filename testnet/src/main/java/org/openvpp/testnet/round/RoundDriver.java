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
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.MeterTypedData;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.evidence.RewardTree;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.generated.FlexToken;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.governance.Governance;
import org.openvpp.contracts.market.BidCommitment;
import org.openvpp.contracts.market.ClearingOrder;
import org.openvpp.contracts.tx.Transactions;
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
 * Each node's cumulative reward ledger is kept here, exactly as the node itself must keep it: the
 * tip (including pending submissions) builds the next root, the finalized one serves claims.
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
  private final Map<String, Credentials> nodeKeys = new HashMap<>();
  private final Map<String, Book> books = new HashMap<>();

  /** A node's reward ledgers: the tip, the finalized one and those of pending submissions. */
  private static final class Book {
    RewardLedger tip = new RewardLedger();
    RewardLedger finalized = new RewardLedger();
    final Map<BigInteger, RewardLedger> pending = new HashMap<>();
  }

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

  /** What a node offers: power and price; the salt is drawn at commit and kept to reveal. */
  public record Offer(Credentials node, long powerW, BigInteger pricePerKWh) {}

  public record SealedBid(
      Offer offer, BigInteger requestId, byte[] salt, TransactionReceipt receipt) {}

  public SealedBid commit(Request r, Offer offer) throws Exception {
    byte[] salt = new byte[32];
    RANDOM.nextBytes(salt);
    byte[] commitment =
        BidCommitment.of(
            r.id(), offer.node().getAddress(), offer.powerW(), offer.pricePerKWh(), salt);
    TransactionReceipt receipt = coordinator(offer.node()).commitBid(r.id(), commitment).send();
    return new SealedBid(offer, r.id(), salt, receipt);
  }

  public TransactionReceipt reveal(SealedBid bid) throws Exception {
    return coordinator(bid.offer().node())
        .revealBid(
            bid.requestId(),
            BigInteger.valueOf(bid.offer().powerW()),
            bid.offer().pricePerKWh(),
            bid.salt())
        .send();
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
      List<SealedBid> bids, List<TransactionReceipt> reveals, TransactionReceipt clear) {}

  /** Commits every offer, reveals them after the bid deadline and clears after the reveal one. */
  public Auction auction(Request r, List<Offer> offers) throws Exception {
    List<SealedBid> bids = new ArrayList<>();
    for (Offer o : offers) {
      bids.add(commit(r, o));
    }
    warpTo(r.bidDeadline());
    List<TransactionReceipt> reveals = new ArrayList<>();
    for (SealedBid b : bids) {
      reveals.add(reveal(b));
    }
    return new Auction(bids, reveals, clear(r));
  }

  // ------------------------------------------------------------------- evidence

  /**
   * Meters the request's window on every device: device i delivers {@code deliveredWh[i]} on top of
   * {@code baselineWh}. Signing is spread over the cores (10,000 devices sign 20,000 readings).
   */
  public List<MeterDevice.Window> meterWindow(
      Request r, List<MeterDevice> devices, long[] deliveredWh, long baselineWh) {
    return meterWindow(
        r.start() * 1000, r.end() * 1000, r.direction(), devices, deliveredWh, baselineWh);
  }

  public List<MeterDevice.Window> meterWindow(
      long startMs,
      long endMs,
      Direction direction,
      List<MeterDevice> devices,
      long[] deliveredWh,
      long baselineWh) {
    if (deliveredWh.length != devices.size()) {
      throw new IllegalArgumentException("one delivery per device");
    }
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
  public EvidenceBatch evidenceFor(Credentials node, Request r, List<MeterDevice.Window> windows)
      throws Exception {
    FlexibilityCoordinator c = coordinator(admin);
    FlexibilityCoordinator.Award a = c.getAward(r.id(), node.getAddress()).send();
    var tree = EvidenceBatch.tree(windows);
    BigInteger payment =
        c.paymentFor(
                a.awardedW, a.duration, a.clearingPrice, BigInteger.valueOf(tree.deliveredWh()))
            .send();
    return batch(node, windows, tree, payment);
  }

  /** The node's evidence for contribution epoch: exports paid at the contribution price. */
  public EvidenceBatch evidenceForEpoch(Credentials node, List<MeterDevice.Window> windows)
      throws Exception {
    var tree = EvidenceBatch.tree(windows);
    BigInteger price = settlement(admin).params().send().contributionPricePerKWh;
    BigInteger payment =
        BigInteger.valueOf(tree.deliveredWh()).multiply(price).divide(BigInteger.valueOf(1000));
    return batch(node, windows, tree, payment);
  }

  private EvidenceBatch batch(
      Credentials node,
      List<MeterDevice.Window> windows,
      org.openvpp.contracts.evidence.EvidenceTree tree,
      BigInteger payment)
      throws Exception {
    BigInteger share = settlement(admin).ownerShare(payment).send();
    RewardLedger next = book(node.getAddress()).tip.plus(share, tree);
    return new EvidenceBatch(windows, tree, payment, share, next);
  }

  /** A posted submission. */
  public record Submitted(
      BigInteger id, Credentials node, EvidenceBatch batch, TransactionReceipt receipt) {}

  public Submitted submit(Credentials node, Request r, EvidenceBatch b) throws Exception {
    warpTo(r.end());
    return posted(node, b, settlement(node).submitEvidence(r.id(), b.toContract()).send());
  }

  public Submitted submitContribution(Credentials node, long epoch, EvidenceBatch b)
      throws Exception {
    return posted(
        node,
        b,
        settlement(node).submitContribution(BigInteger.valueOf(epoch), b.toContract()).send());
  }

  private Submitted posted(Credentials node, EvidenceBatch b, TransactionReceipt r) {
    BigInteger id = Settlement.getEvidenceSubmittedEvents(r).get(0).submissionId;
    Book book = book(node.getAddress());
    book.tip = b.ledger();
    book.pending.put(id, b.ledger());
    return new Submitted(id, node, b, r);
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
   * the quorum is recorded.
   */
  public Attestation attest(Submitted s, Committee c, int count) throws Exception {
    byte[] evidenceRoot = s.batch().tree().root();
    byte[] rewardRoot = s.batch().ledger().tree().root();
    List<String> signers = new ArrayList<>();
    List<byte[]> signatures = new ArrayList<>();
    for (String member : c.members()) {
      Credentials k = nodeKeys.get(key(member));
      if (k != null && signers.size() < count) {
        signers.add(member);
        signatures.add(attestations.sign(s.id(), evidenceRoot, rewardRoot, k.getEcKeyPair()));
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
    Book book = book(s.node().getAddress());
    book.finalized = book.pending.remove(s.id());
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

  public Settled settle(Credentials node, Request r, List<MeterDevice.Window> windows)
      throws Exception {
    Submitted s = submit(node, r, evidenceFor(node, r, windows));
    Committee c = drawCommittee(s);
    Attestation a = attest(s, c, quorum(s));
    return new Settled(s, c, a, finalize(s, c));
  }

  /**
   * Proves leaf {@code leafIndex} fraudulent with its two signed readings: commits to the
   * challenge, then reveals it from the same account in a later block (FraudProofs is
   * commit-reveal, so a copied challenge pays nobody else). On success the node's tip falls back to
   * its last finalized ledger, as the contract's does.
   */
  public TransactionReceipt challenge(Credentials challenger, Submitted s, int leafIndex)
      throws Exception {
    EvidenceBatch b = s.batch();
    MeterDevice.Window w = b.windows().get(leafIndex);
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
                w.first().toContract(),
                w.last().toContract(),
                commitment.salt())
            .send();
    Book book = book(s.node().getAddress());
    book.pending.clear();
    book.tip = book.finalized;
    return r;
  }

  // --------------------------------------------------------------------- claims

  /** What an owner's claim from one node carries: its cumulative amount and Merkle proof. */
  public record ClaimTicket(String node, String owner, BigInteger cumulative, List<byte[]> proof) {
    public Settlement.Claim toContract() {
      return new Settlement.Claim(node, owner, cumulative, proof);
    }
  }

  /** The owner's ticket against the node's last finalized reward root. */
  public ClaimTicket ticket(String node, String owner) {
    RewardTree tree = book(node).finalized.tree();
    return new ClaimTicket(node, owner, tree.amountOf(owner), tree.proof(owner));
  }

  public TransactionReceipt claim(Credentials sender, ClaimTicket t) throws Exception {
    return settlement(sender).claim(t.node(), t.owner(), t.cumulative(), t.proof()).send();
  }

  public TransactionReceipt claimMany(Credentials sender, List<ClaimTicket> tickets)
      throws Exception {
    return settlement(sender)
        .claimMany(tickets.stream().map(ClaimTicket::toContract).toList())
        .send();
  }

  /**
   * Continues a node's ledger from an earlier process, as a restarted node reloads its own: the
   * next root must add to the total already finalized on-chain. The caller checks it matches.
   */
  public void resumeLedger(String node, RewardLedger finalized) {
    Book book = book(node);
    if (!book.pending.isEmpty()) {
      throw new IllegalStateException("node " + node + " has pending submissions");
    }
    book.tip = finalized;
    book.finalized = finalized;
  }

  /** The node's ledger as of its last finalized submission (what owners can claim). */
  public RewardLedger finalizedLedger(String node) {
    return book(node).finalized;
  }

  public static long gas(TransactionReceipt r) {
    return r.getGasUsed().longValueExact();
  }

  private Book book(String node) {
    return books.computeIfAbsent(key(node), k -> new Book());
  }

  private static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
