package org.openvpp.node.outbox;

import static org.openvpp.node.chain.JsonRpc.call;
import static org.openvpp.node.chain.JsonRpc.ok;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import org.openvpp.node.chain.ChainUnavailableException;
import org.openvpp.node.chain.JsonRpc;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** {@link ChainGateway} over Web3j. */
public final class Web3jChainGateway implements ChainGateway {
  private final Web3j web3j;
  private final long chainId;

  public Web3jChainGateway(Web3j web3j, long chainId) {
    this.web3j = web3j;
    this.chainId = chainId;
  }

  @Override
  public long chainId() {
    return chainId;
  }

  @Override
  public long headNumber() {
    return JsonRpc.headNumber(web3j);
  }

  @Override
  public BigInteger baseFee() {
    var block =
        ok(
                call(
                    () ->
                        web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()),
                "eth_getBlockByNumber")
            .getBlock();
    return block.getBaseFeePerGas();
  }

  @Override
  public long minedNonce(String address) {
    return ok(
            call(
                () ->
                    web3j.ethGetTransactionCount(address, DefaultBlockParameterName.LATEST).send()),
            "eth_getTransactionCount")
        .getTransactionCount()
        .longValueExact();
  }

  @Override
  public Estimate estimateGas(String from, Intent intent) {
    Transaction call =
        Transaction.createFunctionCallTransaction(
            from, null, null, null, intent.target(), intent.valueWei(), intent.calldata());
    EthEstimateGas response = call(() -> web3j.ethEstimateGas(call).send());
    if (response.hasError()) {
      String message = response.getError().getMessage();
      if (message != null && message.toLowerCase(Locale.ROOT).contains("revert")) {
        String data = response.getError().getData();
        return new Estimate(
            Optional.empty(), Optional.of(data == null ? message : message + " " + data));
      }
      throw new ChainUnavailableException("eth_estimateGas failed: " + message);
    }
    return new Estimate(Optional.of(response.getAmountUsed()), Optional.empty());
  }

  @Override
  public SendOutcome send(String rawTransaction) {
    EthSendTransaction response = call(() -> web3j.ethSendRawTransaction(rawTransaction).send());
    if (!response.hasError()) {
      return SendOutcome.ACCEPTED;
    }
    String message = response.getError().getMessage().toLowerCase(Locale.ROOT);
    if (message.contains("already known") || message.contains("already imported")) {
      return SendOutcome.ALREADY_KNOWN;
    }
    if (message.contains("nonce too low") || message.contains("nonce has already been used")) {
      return SendOutcome.NONCE_USED;
    }
    if (message.contains("underpriced")) {
      return SendOutcome.UNDERPRICED;
    }
    throw new ChainUnavailableException(
        "eth_sendRawTransaction refused: " + response.getError().getMessage());
  }

  @Override
  public Optional<Receipt> receipt(String txHash) {
    Optional<TransactionReceipt> r =
        ok(call(() -> web3j.ethGetTransactionReceipt(txHash).send()), "eth_getTransactionReceipt")
            .getTransactionReceipt();
    return r.map(
        x ->
            new Receipt(
                x.getTransactionHash().toLowerCase(Locale.ROOT),
                x.getBlockNumber().longValueExact(),
                x.isStatusOK()));
  }
}
