package org.openvpp.contracts.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Market;
import org.openvpp.contracts.tx.ContractErrors;
import org.openvpp.contracts.tx.RevertReasons;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;

/**
 * NodeRegistry.sampleByStake against a Java reference: bonded stakes laid end to end in
 * registration order, a point picks the node whose interval holds it. Checked after every stake
 * change, at every interval's edges and at random points, so a Fenwick cell that misses one update
 * shows up as a wrong node. The reference of every block is kept, and at the end sampleByStakeAt,
 * stakeAt and totalStakeAt of each of those blocks must still match it: the checkpointed cells
 * answer for the past as the live ones do for now.
 */
@ExtendWith(AnvilExtension.class)
class NodeRegistryStakeTreeIT {
  private static final BigInteger FLEX = ChainFixture.FLEX;
  // A fixed seed: a failure reproduces with the same points.
  private final Random random = new Random(20_261_201);

  private ChainFixture chain;
  private Market market;
  private Credentials slasher;
  private final List<Credentials> nodes = new ArrayList<>();

  /** The reference: bonded stake per node (lower-case address), in registration order. */
  private final Map<String, BigInteger> stakes = new LinkedHashMap<>();

  /** The reference as it was at the end of each block a step was mined in. */
  private final Map<Long, Map<String, BigInteger>> history = new LinkedHashMap<>();

  @BeforeEach
  void deploy(Anvil anvil) throws Exception {
    ChainFixture deployed = new ChainFixture(anvil);
    // Stands in for the Settlement contract, the only one that slashes a real deployment.
    slasher = new Market(deployed).fundedAccount();
    chain = deployed.withNodeRegistryWiredTo(slasher.getAddress(), slasher.getAddress());
    market = new Market(chain);
  }

  @Test
  void samplingFollowsThePrefixSumsThroughRegistrationsIncreasesUnbondsAndSlashes()
      throws Exception {
    register(1_000);
    register(2_500);
    register(1_000);
    register(4_000);
    register(1_700); // five nodes: the search starts at step 4 and must reach index 5
    increaseStake(3, flex(300).add(BigInteger.valueOf(777)));
    unbond(2, flex(1_000).add(BigInteger.valueOf(13)));
    slash(4, flex(1_234));
    // Appended cells sum children that have already been updated.
    register(1_100);
    register(3_000);
    unbond(1, stakeOf(1)); // a zero-width interval must never be drawn
    register(1_000); // index 8 covers 1..8
    slash(8, stakeOf(8).add(flex(5))); // more than it holds: stake to zero
    register(2_000); // nine nodes, not a power of two
    increaseStake(1, BigInteger.ONE); // back from zero to a single point
    increaseStake(9, flex(5));
    unbond(6, flex(100));
    slash(6, stakeOf(6).add(flex(50))); // bonded stake gone, the rest from unbonding
    slash(5, BigInteger.ONE);
    increaseStake(8, BigInteger.valueOf(3)); // cell 8 covers 1..8; cell 9 must not change

    assertThat(nodes).hasSize(9);
    chain.anvil().mine(); // the last change's block is now in the past
    checkHistory();
  }

  @Test
  void anEmptyRegistryHasNoPointToSample() throws Exception {
    assertOutOfRange(BigInteger.ZERO);
    register(1_000);
    assertOutOfRange(flex(1_000));
  }

  // --------------------------------------------------------------- actions

  private void register(long stakeFlex) throws Exception {
    Credentials node = chain.account(nodes.size() + 1);
    market.registerNode(node, Market.ZONE, stakeFlex);
    // Allowance for later increases.
    chain.token(node).approve(chain.deployment().nodeRegistry(), FLEX.pow(2)).send();
    nodes.add(node);
    stakes.put(key(node), flex(stakeFlex));
    check("register node " + nodes.size());
  }

  private void increaseStake(int n, BigInteger amount) throws Exception {
    chain.nodes(node(n)).increaseStake(amount).send();
    stakes.merge(key(node(n)), amount, BigInteger::add);
    check("increase node " + n + " by " + amount);
  }

  private void unbond(int n, BigInteger amount) throws Exception {
    chain.nodes(node(n)).requestUnbond(amount).send();
    stakes.merge(key(node(n)), amount, BigInteger::subtract);
    check("unbond node " + n + " by " + amount);
  }

  /** Slashing takes bonded stake first; only that part leaves the tree. */
  private void slash(int n, BigInteger amount) throws Exception {
    chain.nodes(slasher).slash(node(n).getAddress(), amount).send();
    stakes.computeIfPresent(key(node(n)), (k, stake) -> stake.subtract(amount.min(stake)));
    check("slash node " + n + " by " + amount);
  }

  // ----------------------------------------------------------------- check

  /**
   * sampleByStakeAt, stakeAt and totalStakeAt for every block a step was mined in, read after all
   * later steps: each must still agree with the prefix sums of the stakes of that block.
   */
  private void checkHistory() throws Exception {
    NodeRegistry registry = chain.nodes(chain.admin());
    for (Map.Entry<Long, Map<String, BigInteger>> entry : history.entrySet()) {
      BigInteger block = BigInteger.valueOf(entry.getKey());
      Map<String, BigInteger> then = entry.getValue();
      BigInteger total = then.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
      assertThat(registry.totalStakeAt(block).send())
          .as("total at block %s", block)
          .isEqualTo(total);
      for (Credentials node : nodes) {
        assertThat(registry.stakeAt(node.getAddress(), block).send())
            .as("stake of %s at block %s", key(node), block)
            .isEqualTo(then.getOrDefault(key(node), BigInteger.ZERO));
      }
      for (BigInteger point : points(then, total)) {
        assertThat(registry.sampleByStakeAt(point, block).send().toLowerCase(Locale.ROOT))
            .as("sampleByStakeAt(%s, %s) of %s", point, block, then.values())
            .isEqualTo(expectedAt(then, point));
      }
    }
  }

  private void check(String step) throws Exception {
    long block = chain.anvil().web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    history.put(block, new LinkedHashMap<>(stakes));
    NodeRegistry registry = chain.nodes(chain.admin());
    BigInteger total = BigInteger.ZERO;
    for (Credentials node : nodes) {
      assertThat(registry.stakeOf(node.getAddress()).send())
          .as("%s: the reference tracks node %s", step, key(node))
          .isEqualTo(stakes.get(key(node)));
      total = total.add(stakes.get(key(node)));
    }
    assertThat(registry.totalStake().send()).as(step).isEqualTo(total);

    for (BigInteger point : points(stakes, total)) {
      assertThat(registry.sampleByStake(point).send().toLowerCase(Locale.ROOT))
          .as("%s: sampleByStake(%s) of %s", step, point, stakes.values())
          .isEqualTo(expectedAt(stakes, point));
    }
    assertOutOfRange(total);
  }

  /** Every interval's edges and middle, the point before each, and random points. */
  private List<BigInteger> points(Map<String, BigInteger> stakes, BigInteger total) {
    List<BigInteger> points = new ArrayList<>();
    BigInteger start = BigInteger.ZERO;
    for (BigInteger stake : stakes.values()) {
      if (stake.signum() > 0) {
        BigInteger last = start.add(stake).subtract(BigInteger.ONE);
        points.addAll(List.of(start, start.add(stake.shiftRight(1)), last));
        if (start.signum() > 0) {
          points.add(start.subtract(BigInteger.ONE)); // the previous interval's last point
        }
      }
      start = start.add(stake);
    }
    for (int i = 0; i < 10 && total.signum() > 0; i++) {
      points.add(new BigInteger(total.bitLength() + 8, random).mod(total));
    }
    return points;
  }

  /** The reference: the first node whose cumulative stake exceeds the point. */
  private static String expectedAt(Map<String, BigInteger> stakes, BigInteger point) {
    BigInteger cumulative = BigInteger.ZERO;
    for (Map.Entry<String, BigInteger> entry : stakes.entrySet()) {
      cumulative = cumulative.add(entry.getValue());
      if (point.compareTo(cumulative) < 0) {
        return entry.getKey();
      }
    }
    throw new AssertionError("point " + point + " beyond the total " + cumulative);
  }

  /** A view call reverts without a transaction, so the error is decoded from eth_call. */
  private void assertOutOfRange(BigInteger point) throws Exception {
    NodeRegistry registry = chain.nodes(chain.admin());
    var result =
        chain
            .anvil()
            .web3j()
            .ethCall(
                Transaction.createEthCallTransaction(
                    chain.admin().getAddress(),
                    chain.deployment().nodeRegistry(),
                    registry.sampleByStake(point).encodeFunctionCall()),
                DefaultBlockParameterName.LATEST)
            .send();
    ContractErrors.DecodedError error =
        RevertReasons.revertData(result)
            .flatMap(ContractErrors.all()::decode)
            .orElseThrow(() -> new AssertionError("sampleByStake(" + point + ") did not revert"));
    assertThat(error.name()).isEqualTo("PointOutOfRange");
    assertThat(error.arguments())
        .containsExactly(point.toString(), registry.totalStake().send().toString());
  }

  private Credentials node(int oneBased) {
    return nodes.get(oneBased - 1);
  }

  private BigInteger stakeOf(int oneBased) {
    return stakes.get(key(node(oneBased)));
  }

  private static String key(Credentials node) {
    return node.getAddress().toLowerCase(Locale.ROOT);
  }

  private static BigInteger flex(long amount) {
    return FLEX.multiply(BigInteger.valueOf(amount));
  }
}
