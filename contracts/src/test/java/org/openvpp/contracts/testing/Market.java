package org.openvpp.contracts.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.market.BidCommitment;
import org.openvpp.contracts.market.ClearingOrder;
import org.openvpp.contracts.tx.Transactions;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

/**
 * Drives the flexibility market on a real chain for tests: nodes with stake in a zone, requests
 * with escrow, sealed bids (commit, then reveal with the kept salt), clearing, and chain time.
 */
public final class Market {
  public static final byte[] ZONE =
      Hash.sha3("zone-a".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ChainFixture chain;

  public Market(ChainFixture chain) {
    this.chain = chain;
  }

  public ChainFixture chain() {
    return chain;
  }

  /** Mints, approves and registers {@code node} in {@code zone} with {@code stakeFlex} FLEX. */
  public void registerNode(Credentials node, byte[] zone, long stakeFlex) throws Exception {
    BigInteger stake = ChainFixture.FLEX.multiply(BigInteger.valueOf(stakeFlex));
    chain.mint(node.getAddress(), stakeFlex + 1_000);
    chain.token(node).approve(chain.deployment().nodeRegistry(), stake).send();
    // Coordinator pulls bid deposits and performance bonds.
    chain.token(node).approve(chain.deployment().coordinator(), ChainFixture.FLEX.pow(2)).send();
    byte[] peerId = new byte[38];
    RANDOM.nextBytes(peerId);
    chain.nodes(node).register(peerId, zone, stake).send();
  }

  /**
   * A fresh account holding 1 ETH for gas, for tests that need more accounts than the dev chain
   * funds (its FLEX still has to be minted).
   */
  public Credentials fundedAccount() throws Exception {
    Credentials account = Credentials.create(Keys.createEcKeyPair());
    var web3j = chain.anvil().web3j();
    new Transfer(web3j, Transactions.manager(web3j, chain.admin(), chain.anvil().chainId()))
        .sendFunds(
            account.getAddress(),
            BigDecimal.ONE,
            Convert.Unit.ETHER,
            Transactions.GAS_PRICE,
            BigInteger.valueOf(21_000))
        .send();
    return account;
  }

  /** Latest block timestamp, seconds. */
  public long now() {
    return chain.anvil().latestTimestamp();
  }

  /** Moves chain time to at least {@code timestamp} (and mines a block there). */
  public void warpTo(long timestamp) {
    chain.anvil().warpTo(timestamp);
  }

  /** Request timing relative to now: bidding for 100 s, revealing for 100 s, start 100 s later. */
  public record Timing(long bidDeadline, long revealDeadline, long start, long duration) {
    public long end() {
      return start + duration;
    }
  }

  public Timing timing(long durationSeconds) throws Exception {
    long now = now();
    return new Timing(now + 100, now + 200, now + 300, durationSeconds);
  }

  /**
   * Mints enough FLEX to {@code requester}, approves the coordinator and posts a request.
   *
   * @return the request id
   */
  public BigInteger post(
      Credentials requester,
      byte[] zone,
      Direction direction,
      long powerW,
      BigInteger maxPricePerKWh,
      Timing t)
      throws Exception {
    FlexibilityCoordinator c = chain.coordinator(requester);
    BigInteger escrow =
        c.maxCost(BigInteger.valueOf(powerW), BigInteger.valueOf(t.duration()), maxPricePerKWh)
            .send();
    chain.token(chain.admin()).mint(requester.getAddress(), escrow).send();
    chain.token(requester).approve(chain.deployment().coordinator(), escrow).send();
    c.postRequest(
            new FlexibilityCoordinator.RequestParams(
                zone,
                BigInteger.valueOf(direction.ordinal()),
                BigInteger.valueOf(powerW),
                BigInteger.valueOf(t.start()),
                BigInteger.valueOf(t.duration()),
                maxPricePerKWh,
                BigInteger.valueOf(t.bidDeadline()),
                BigInteger.valueOf(t.revealDeadline())))
        .send();
    return c.requestCount().send();
  }

  /** A sealed bid kept by its node until the reveal. */
  public record SealedBid(
      Credentials node, BigInteger requestId, long powerW, BigInteger pricePerKWh, byte[] salt) {
    public byte[] commitment() {
      return BidCommitment.of(requestId, node.getAddress(), powerW, pricePerKWh, salt);
    }
  }

  public SealedBid commit(Credentials node, BigInteger requestId, long powerW, BigInteger price)
      throws Exception {
    byte[] salt = new byte[32];
    RANDOM.nextBytes(salt);
    SealedBid bid = new SealedBid(node, requestId, powerW, price, salt);
    chain.coordinator(node).commitBid(requestId, bid.commitment()).send();
    return bid;
  }

  public void reveal(SealedBid bid) throws Exception {
    chain
        .coordinator(bid.node())
        .revealBid(bid.requestId(), BigInteger.valueOf(bid.powerW()), bid.pricePerKWh(), bid.salt())
        .send();
  }

  /** Commits every bid, warps past the bid deadline, reveals them, warps past reveal, clears. */
  public void auction(Timing t, List<SealedBidSpec> bids, BigInteger requestId) throws Exception {
    List<SealedBid> sealed = new java.util.ArrayList<>();
    for (SealedBidSpec spec : bids) {
      sealed.add(commit(spec.node(), requestId, spec.powerW(), spec.pricePerKWh()));
    }
    warpTo(t.bidDeadline());
    for (SealedBid bid : sealed) {
      reveal(bid);
    }
    warpTo(t.revealDeadline());
    clear(requestId);
  }

  /**
   * Clears {@code requestId} with the merit order read from the chain (revealed bidders by price,
   * then commit index), as anyone clearing must supply it; the admin pays the gas.
   */
  public org.web3j.protocol.core.methods.response.TransactionReceipt clear(BigInteger requestId)
      throws Exception {
    FlexibilityCoordinator c = chain.coordinator(chain.admin());
    return c.clear(requestId, ClearingOrder.of(c, requestId)).send();
  }

  /** What a node bids in {@link #auction}. */
  public record SealedBidSpec(Credentials node, long powerW, BigInteger pricePerKWh) {}
}
