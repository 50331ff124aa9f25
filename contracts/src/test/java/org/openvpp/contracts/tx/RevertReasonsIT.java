package org.openvpp.contracts.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Market;
import org.openvpp.contracts.testing.Market.Timing;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;

/**
 * A revert that depends on the block's time is reported as the transaction hit it. {@code clear}
 * mined in the block whose timestamp is exactly the reveal deadline passes the deadline check and
 * reverts on its empty merit order (OrderLengthMismatch); replayed on the block before, whose
 * timestamp is earlier, the same call stops at RevealNotClosed, which is what the helper used to
 * report.
 */
@ExtendWith(AnvilExtension.class)
class RevertReasonsIT {
  private ChainFixture chain;
  private Market market;
  private Anvil anvil;

  @BeforeEach
  void deploy(Anvil anvil) throws Exception {
    this.anvil = anvil;
    chain = new ChainFixture(anvil);
    market = new Market(chain);
  }

  @Test
  void aDeadlineDependentRevertIsReportedAsMinedNotAsReplayedOnTheBlockBefore() throws Exception {
    Timing t = market.timing(3_600);
    BigInteger id =
        market.post(
            chain.account(1),
            Market.ZONE,
            Direction.UP,
            1_000,
            ChainFixture.FLEX.divide(BigInteger.TEN),
            t);
    Market.SealedBid bid = bidder(id);
    market.warpTo(t.bidDeadline());
    market.reveal(bid);
    // The clear lands in the first block at the reveal deadline; the block before is earlier.
    nextBlockAt(t.revealDeadline());
    TransactionException e =
        catchThrowableOfType(
            TransactionException.class,
            () -> chain.coordinator(chain.admin()).clear(id, List.of()).send());
    TransactionReceipt receipt = e.getTransactionReceipt().orElseThrow();
    assertThat(timestampOf(receipt.getBlockNumber())).isEqualTo(t.revealDeadline());
    assertThat(timestampOf(receipt.getBlockNumber().subtract(BigInteger.ONE)))
        .isLessThan(t.revealDeadline());

    var reported = RevertReasons.of(anvil.web3j(), e).orElseThrow();
    var traced = RevertReasons.traced(anvil.web3j(), receipt.getTransactionHash()).orElseThrow();
    var replayed = RevertReasons.replayedBefore(anvil.web3j(), receipt).orElseThrow();

    assertThat(reported.name()).isEqualTo("OrderLengthMismatch");
    assertThat(reported.arguments()).containsExactly("0", "1");
    assertThat(ContractErrors.all().decode(traced).orElseThrow().name())
        .isEqualTo("OrderLengthMismatch");
    assertThat(ContractErrors.all().decode(replayed).orElseThrow().name())
        .as("the old replay on the block before names the deadline instead")
        .isEqualTo("RevealNotClosed");
  }

  @Test
  void aSucceededOrUnknownTransactionHasNoTracedRevert() throws Exception {
    TransactionReceipt ok =
        chain.token(chain.admin()).approve(chain.admin().getAddress(), BigInteger.ONE).send();
    assertThat(RevertReasons.traced(anvil.web3j(), ok.getTransactionHash())).isEmpty();
    assertThat(RevertReasons.traced(anvil.web3j(), "0x" + "00".repeat(32))).isEmpty();
    assertThat(RevertReasons.traced(anvil.web3j(), "not a hash")).isEmpty();
  }

  private Market.SealedBid bidder(BigInteger id) throws Exception {
    var node = market.fundedAccount();
    market.registerNode(node, Market.ZONE, 2_000);
    return market.commit(node, id, 1_000, BigInteger.ONE);
  }

  private void nextBlockAt(long timestamp) throws Exception {
    var response =
        new Request<>(
                "evm_setNextBlockTimestamp",
                List.of(timestamp),
                new HttpService(anvil.rpcUrl()),
                RevertReasons.RawResponse.class)
            .send();
    assertThat(response.hasError()).as("evm_setNextBlockTimestamp").isFalse();
  }

  private long timestampOf(BigInteger block) throws Exception {
    return anvil
        .web3j()
        .ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameter.valueOf(block), false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact();
  }
}
