package org.openvpp.contracts.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
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
import org.openvpp.contracts.tx.Transactions;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Stake as of past blocks: every change (register, increase, unbond, slash, minimum stake) lands in
 * its own block, the live values are recorded right after it, and the *At reads for that block must
 * return them later, after every change that followed.
 */
@ExtendWith(AnvilExtension.class)
class NodeRegistryCheckpointsIT {
  private static final BigInteger FLEX = ChainFixture.FLEX;

  private Anvil anvil;
  private ChainFixture chain;
  private Market market;
  private Credentials settlement;
  private final List<Credentials> nodes = new ArrayList<>();

  /** Live values of one block, read right after it was mined. */
  private record Snapshot(
      long block,
      List<BigInteger> stakes,
      List<Boolean> active,
      BigInteger total,
      BigInteger minimum) {}

  @BeforeEach
  void deploy(Anvil anvil) throws Exception {
    this.anvil = anvil;
    settlement = anvil.credentials(8);
    chain =
        new ChainFixture(anvil)
            .withNodeRegistryWiredTo(anvil.credentials(7).getAddress(), settlement.getAddress());
    market = new Market(chain);
    nodes.clear();
    for (int i = 1; i <= 3; i++) {
      nodes.add(anvil.credentials(i));
    }
  }

  @Test
  void readsAtEachPastBlockAgreeWithTheLiveValuesOfThatBlock() throws Exception {
    List<Snapshot> history = new ArrayList<>();
    long before = latestBlock();
    history.add(snapshot());
    market.registerNode(node(1), Market.ZONE, 2_000);
    history.add(snapshot());
    market.registerNode(node(2), Market.ZONE, 1_000);
    history.add(snapshot());
    anvil.mine(); // a block without changes carries the values on
    history.add(snapshot());
    chain.token(node(1)).approve(chain.deployment().nodeRegistry(), FLEX.pow(2)).send();
    chain.nodes(node(1)).increaseStake(flex(500)).send();
    history.add(snapshot());
    chain.nodes(node(2)).requestUnbond(flex(200)).send(); // below the minimum: inactive
    history.add(snapshot());
    chain.nodes(settlement).slash(node(1).getAddress(), flex(300)).send();
    history.add(snapshot());
    chain.nodes(chain.admin()).setMinimumStake(flex(500)).send(); // node 2 active again
    history.add(snapshot());
    market.registerNode(node(3), Market.ZONE, 700);
    history.add(snapshot());
    chain.nodes(node(1)).requestUnbond(flex(2_200)).send(); // all of it
    history.add(snapshot());
    chain.nodes(settlement).slash(node(2).getAddress(), flex(900)).send(); // 800 + 100 unbonding
    history.add(snapshot());
    chain.nodes(chain.admin()).setMinimumStake(flex(2_000)).send();
    history.add(snapshot());
    anvil.mine(); // the last change's block is now in the past

    assertThat(history.get(1).stakes()).containsExactly(flex(2_000), ZERO, ZERO);
    assertThat(history.get(history.size() - 1).total()).isEqualTo(flex(700));
    NodeRegistry registry = chain.nodes(chain.admin());
    for (Snapshot s : history) {
      BigInteger b = BigInteger.valueOf(s.block());
      for (int i = 0; i < nodes.size(); i++) {
        String node = nodes.get(i).getAddress();
        assertThat(registry.stakeAt(node, b).send())
            .as("stake of node %d at %s", i + 1, s)
            .isEqualTo(s.stakes().get(i));
        assertThat(registry.isActiveAt(node, b).send())
            .as("node %d active at %s", i + 1, s)
            .isEqualTo(s.active().get(i));
      }
      assertThat(registry.totalStakeAt(b).send()).as("total at %s", s).isEqualTo(s.total());
      assertThat(registry.minimumStakeAt(b).send()).as("minimum at %s", s).isEqualTo(s.minimum());
    }
    // Before the registry existed there was nothing.
    BigInteger genesis = BigInteger.valueOf(before - 1);
    assertThat(registry.totalStakeAt(genesis).send()).isZero();
    assertThat(registry.isActiveAt(node(1).getAddress(), genesis).send()).isFalse();
  }

  @Test
  void theCurrentAndFutureBlocksCannotBeRead() throws Exception {
    market.registerNode(node(1), Market.ZONE, 1_000);
    long registered = latestBlock();
    anvil.mine();
    NodeRegistry registry = chain.nodes(chain.admin());
    long latest = latestBlock();
    // An eth_call on the latest block runs with block.number = latest: reads of it are refused
    // like those of any later block, as a transaction in that block could still change it.
    for (long b : new long[] {latest, latest + 1, latest + 1_000}) {
      BigInteger block = BigInteger.valueOf(b);
      for (String call :
          List.of(
              registry.stakeAt(node(1).getAddress(), block).encodeFunctionCall(),
              registry.totalStakeAt(block).encodeFunctionCall(),
              registry.minimumStakeAt(block).encodeFunctionCall(),
              registry.isActiveAt(node(1).getAddress(), block).encodeFunctionCall(),
              registry.sampleByStakeAt(BigInteger.ZERO, block).encodeFunctionCall())) {
        ContractErrors.DecodedError error = callError(call);
        assertThat(error.name()).isEqualTo("FutureBlock");
        assertThat(error.arguments()).containsExactly(String.valueOf(b), String.valueOf(latest));
      }
    }
    BigInteger past = BigInteger.valueOf(registered);
    assertThat(registry.stakeAt(node(1).getAddress(), past).send()).isEqualTo(flex(1_000));
    assertThat(registry.stakeAt(node(1).getAddress(), past.subtract(BigInteger.ONE)).send())
        .isZero();
    ContractErrors.DecodedError error =
        callError(registry.sampleByStakeAt(flex(1_000), past).encodeFunctionCall());
    assertThat(error.name()).isEqualTo("PointOutOfRange");
    assertThat(error.arguments()).containsExactly(flex(1_000).toString(), flex(1_000).toString());
  }

  /**
   * Several changes in one block leave one checkpoint per record holding the block's last value;
   * the block before keeps its own.
   */
  @Test
  void changesWithinOneBlockReadAsTheBlocksFinalValues() throws Exception {
    market.registerNode(node(1), Market.ZONE, 1_000);
    for (Credentials node : List.of(node(1), node(2))) {
      chain.mint(node.getAddress(), 5_000);
      chain.token(node).approve(chain.deployment().nodeRegistry(), FLEX.pow(2)).send();
    }
    long previous = latestBlock();
    NodeRegistry wrapper = chain.nodes(chain.admin());
    setAutomine(false);
    List<String> hashes = new ArrayList<>();
    try {
      hashes.add(send(node(2), wrapper.register(new byte[38], Market.ZONE, flex(1_500))));
      hashes.add(send(node(1), wrapper.increaseStake(flex(400))));
      hashes.add(send(node(2), wrapper.increaseStake(flex(100))));
      hashes.add(send(node(1), wrapper.requestUnbond(flex(1_100))));
      hashes.add(send(settlement, wrapper.slash(node(2).getAddress(), flex(50))));
      anvil.mine();
    } finally {
      setAutomine(true);
    }
    long block = -1;
    for (String hash : hashes) {
      TransactionReceipt receipt =
          new PollingTransactionReceiptProcessor(anvil.web3j(), 50, 200)
              .waitForTransactionReceipt(hash);
      assertThat(receipt.isStatusOK()).as("tx %s", hash).isTrue();
      block = receipt.getBlockNumber().longValueExact();
    }
    assertThat(block).isEqualTo(previous + 1);
    anvil.mine();

    BigInteger b = BigInteger.valueOf(block);
    BigInteger p = BigInteger.valueOf(previous);
    assertThat(wrapper.stakeAt(node(1).getAddress(), p).send()).isEqualTo(flex(1_000));
    assertThat(wrapper.stakeAt(node(2).getAddress(), p).send()).isZero();
    assertThat(wrapper.totalStakeAt(p).send()).isEqualTo(flex(1_000));
    assertThat(wrapper.stakeAt(node(1).getAddress(), b).send()).isEqualTo(flex(300));
    assertThat(wrapper.stakeAt(node(2).getAddress(), b).send()).isEqualTo(flex(1_550));
    assertThat(wrapper.totalStakeAt(b).send()).isEqualTo(flex(1_850));
    assertThat(wrapper.isActiveAt(node(1).getAddress(), b).send()).isFalse();
    assertThat(wrapper.isActiveAt(node(2).getAddress(), b).send()).isTrue();
    assertThat(wrapper.sampleByStakeAt(flex(300).subtract(BigInteger.ONE), b).send())
        .isEqualToIgnoringCase(node(1).getAddress());
    assertThat(wrapper.sampleByStakeAt(flex(300), b).send())
        .isEqualToIgnoringCase(node(2).getAddress());
    assertThat(wrapper.sampleByStakeAt(flex(999), p).send())
        .isEqualToIgnoringCase(node(1).getAddress());
  }

  // ---------------------------------------------------------------- helpers

  private Snapshot snapshot() throws Exception {
    NodeRegistry registry = chain.nodes(chain.admin());
    List<BigInteger> stakes = new ArrayList<>();
    List<Boolean> active = new ArrayList<>();
    for (Credentials node : nodes) {
      stakes.add(registry.stakeOf(node.getAddress()).send());
      active.add(registry.isActive(node.getAddress()).send());
    }
    return new Snapshot(
        latestBlock(),
        stakes,
        active,
        registry.totalStake().send(),
        registry.minimumStake().send());
  }

  /** Sends without waiting for the receipt (automine is off), returning the hash. */
  private String send(Credentials from, org.web3j.protocol.core.RemoteFunctionCall<?> call)
      throws IOException {
    var sent =
        Transactions.manager(anvil.web3j(), from, anvil.chainId())
            .sendTransaction(
                Transactions.GAS_PRICE,
                BigInteger.valueOf(1_000_000),
                chain.deployment().nodeRegistry(),
                call.encodeFunctionCall(),
                BigInteger.ZERO);
    if (sent.hasError()) {
      throw new IllegalStateException(sent.getError().getMessage());
    }
    return sent.getTransactionHash();
  }

  private void setAutomine(boolean on) throws IOException {
    var response =
        new Request<>(
                "evm_setAutomine", List.of(on), new HttpService(anvil.rpcUrl()), VoidResponse.class)
            .send();
    if (response.hasError()) {
      throw new IllegalStateException(response.getError().getMessage());
    }
  }

  /** A view call reverts without a transaction, so the error is decoded from eth_call. */
  private ContractErrors.DecodedError callError(String data) throws IOException {
    var result =
        anvil
            .web3j()
            .ethCall(
                Transaction.createEthCallTransaction(
                    chain.admin().getAddress(), chain.deployment().nodeRegistry(), data),
                DefaultBlockParameterName.LATEST)
            .send();
    return RevertReasons.revertData(result)
        .flatMap(ContractErrors.all()::decode)
        .orElseThrow(() -> new AssertionError("the call did not revert: " + data));
  }

  private long latestBlock() throws IOException {
    return anvil.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
  }

  private Credentials node(int oneBased) {
    return nodes.get(oneBased - 1);
  }

  private static final BigInteger ZERO = BigInteger.ZERO;

  private static BigInteger flex(long amount) {
    return FLEX.multiply(BigInteger.valueOf(amount));
  }
}
