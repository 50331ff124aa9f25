package org.openvpp.contracts.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Market;
import org.openvpp.contracts.tx.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.request.Transaction;

/**
 * What the stake checkpoints cost: gas of register, increaseStake and requestUnbond with 9 and 100
 * nodes (each in a block of its own, so every checkpoint is a new one), and of a draw over the
 * stakes of a past block (eth_estimateGas, so it includes the 21,000 of a transaction), both when
 * no cell changed since that block and when the cells on node 1's path did. Logged for the record
 * and bounded so a regression shows.
 */
@ExtendWith(AnvilExtension.class)
class NodeRegistryGasIT {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRegistryGasIT.class);
  private static final BigInteger FLEX = ChainFixture.FLEX;

  @Test
  void stakeChangesAndPastDrawsStayWithinTheirGasBudget(Anvil anvil) throws Exception {
    ChainFixture chain = new ChainFixture(anvil);
    Market market = new Market(chain);
    List<Credentials> nodes = new ArrayList<>();
    Map<String, Long> gas = new LinkedHashMap<>();
    for (int size : new int[] {9, 100}) {
      while (nodes.size() < size - 1) {
        nodes.add(register(chain, market, 1_000 + nodes.size()));
      }
      Credentials last = market.fundedAccount();
      chain.mint(last.getAddress(), 3_000);
      chain.token(last).approve(chain.deployment().nodeRegistry(), FLEX.pow(2)).send();
      gas.put(
          "register (node " + size + ")",
          used(chain.nodes(last).register(new byte[38], Market.ZONE, flex(1_500)).send()));
      nodes.add(last);

      NodeRegistry first = chain.nodes(nodes.get(0));
      gas.put("increaseStake (node 1 of " + size + ")", used(first.increaseStake(flex(10)).send()));
      gas.put("requestUnbond (node 1 of " + size + ")", used(first.requestUnbond(flex(5)).send()));

      anvil.mine();
      BigInteger past = BigInteger.valueOf(latestBlock(anvil));
      anvil.mine();
      NodeRegistry registry = chain.nodes(chain.admin());
      BigInteger total = registry.totalStake().send();
      BigInteger end = total.subtract(BigInteger.ONE); // the deepest descent: the last node
      gas.put(
          "sampleByStake (live, " + size + " nodes)",
          estimate(anvil, chain, registry.sampleByStake(end).encodeFunctionCall()));
      gas.put(
          "sampleByStakeAt (" + size + " nodes, unchanged since)",
          estimate(anvil, chain, registry.sampleByStakeAt(end, past).encodeFunctionCall()));
      // Node 1's path through the tree (cells 1, 2, 4, 8, ...) changes in later blocks.
      for (int i = 0; i < 3; i++) {
        first.increaseStake(flex(1)).send();
      }
      gas.put(
          "sampleByStakeAt (" + size + " nodes, path changed 3 times since)",
          estimate(anvil, chain, registry.sampleByStakeAt(end, past).encodeFunctionCall()));
    }
    gas.forEach((operation, used) -> LOG.info("gas {}: {}", operation, used));

    // About 25,000 gas per checkpoint written in a new block (a fresh slot plus the length): node
    // 1 of 100 updates 7 tree cells, its own stake and the total.
    assertThat(gas.get("register (node 100)")).isLessThan(400_000);
    assertThat(gas.get("increaseStake (node 1 of 100)")).isLessThan(400_000);
    assertThat(gas.get("requestUnbond (node 1 of 100)")).isLessThan(400_000);
    assertThat(gas.get("sampleByStakeAt (100 nodes, path changed 3 times since)"))
        .isLessThan(120_000);
  }

  private static Credentials register(ChainFixture chain, Market market, long stakeFlex)
      throws Exception {
    Credentials node = market.fundedAccount();
    market.registerNode(node, Market.ZONE, stakeFlex);
    chain.token(node).approve(chain.deployment().nodeRegistry(), FLEX.pow(2)).send();
    return node;
  }

  private static long used(org.web3j.protocol.core.methods.response.TransactionReceipt receipt) {
    return receipt.getGasUsed().longValueExact();
  }

  private static long estimate(Anvil anvil, ChainFixture chain, String data) throws IOException {
    var response =
        anvil
            .web3j()
            .ethEstimateGas(
                Transaction.createFunctionCallTransaction(
                    chain.admin().getAddress(),
                    null,
                    Transactions.GAS_PRICE,
                    Transactions.GAS_LIMIT,
                    chain.deployment().nodeRegistry(),
                    BigInteger.ZERO,
                    data))
            .send();
    if (response.hasError()) {
      throw new IllegalStateException(response.getError().getMessage());
    }
    return response.getAmountUsed().longValueExact();
  }

  private static long latestBlock(Anvil anvil) throws IOException {
    return anvil.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
  }

  private static BigInteger flex(long amount) {
    return FLEX.multiply(BigInteger.valueOf(amount));
  }
}
