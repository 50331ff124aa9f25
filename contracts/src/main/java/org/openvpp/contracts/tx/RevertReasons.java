package org.openvpp.contracts.tx;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * Finds why a mined transaction reverted, from the revert data of the transaction itself where the
 * node keeps it, decoded with {@link ContractErrors}:
 *
 * <ol>
 *   <li>the receipt's {@code revertReason}, when it holds revert data (Besu with revert reasons
 *       enabled);
 *   <li>{@code debug_traceTransaction} with the standard {@code callTracer} (Anvil, Geth, Besu with
 *       the DEBUG API): the node re-executes the transaction in its own block, after the
 *       transactions before it, with that block's number and timestamp, and returns the top call's
 *       output, which for a revert is the revert data;
 *   <li>only when neither is available, an {@code eth_call} replay on the state of the block
 *       before. That replay runs with the earlier block's number and timestamp, so a check that
 *       depends on time (a deadline, "not in the same block as") can answer with another error than
 *       the one the transaction hit; the first two never do.
 * </ol>
 */
public final class RevertReasons {
  private RevertReasons() {}

  /** The decoded custom error of a failed transaction, if the chain still reproduces it. */
  public static Optional<ContractErrors.DecodedError> of(Web3j web3j, TransactionException e) {
    return e.getTransactionReceipt().flatMap(receipt -> of(web3j, receipt));
  }

  public static Optional<ContractErrors.DecodedError> of(Web3j web3j, TransactionReceipt receipt) {
    return revertData(web3j, receipt).flatMap(ContractErrors.all()::decode);
  }

  /** The raw revert data of a mined transaction, by the first of the three ways that answers. */
  public static Optional<String> revertData(Web3j web3j, TransactionReceipt receipt) {
    return fromReceipt(receipt)
        .or(() -> traced(web3j, receipt.getTransactionHash()))
        .or(() -> replayedBefore(web3j, receipt));
  }

  /** The revert data a node put into the receipt (Besu's {@code revertReason}), if any. */
  static Optional<String> fromReceipt(TransactionReceipt receipt) {
    return hexData(receipt.getRevertReason());
  }

  /**
   * The top call's output from {@code debug_traceTransaction} with {@code callTracer}, if the node
   * traces and the call failed. Sent as a one-entry batch: {@link Web3j} has no method for it, and
   * a batch needs no access to the transport the instance was built on.
   */
  static Optional<String> traced(Web3j web3j, String txHash) {
    try {
      BatchResponse batch =
          web3j
              .newBatch()
              .add(
                  new Request<>(
                      "debug_traceTransaction",
                      List.of(txHash, Map.of("tracer", "callTracer")),
                      null,
                      RawResponse.class))
              .send();
      List<? extends Response<?>> responses = batch.getResponses();
      if (responses.size() != 1 || responses.get(0).hasError()) {
        return Optional.empty();
      }
      if (!(responses.get(0).getResult() instanceof Map<?, ?> frame)
          || frame.get("error") == null) {
        return Optional.empty();
      }
      return frame.get("output") instanceof String output ? hexData(output) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      // No tracing (method missing, batches refused, transport down): the next way answers.
      return Optional.empty();
    }
  }

  /**
   * The revert data of an {@code eth_call} replay on the state of the block before the
   * transaction's: may name another error for checks that depend on the block's time or number.
   */
  public static Optional<String> replayedBefore(Web3j web3j, TransactionReceipt receipt) {
    try {
      var tx = web3j.ethGetTransactionByHash(receipt.getTransactionHash()).send().getTransaction();
      if (tx.isEmpty()) {
        return Optional.empty();
      }
      var t = tx.get();
      Transaction call =
          Transaction.createFunctionCallTransaction(
              t.getFrom(), null, null, t.getGas(), t.getTo(), t.getValue(), t.getInput());
      BigInteger before = receipt.getBlockNumber().subtract(BigInteger.ONE);
      EthCall result = web3j.ethCall(call, DefaultBlockParameter.valueOf(before)).send();
      return revertData(result);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The raw revert data of an {@code eth_call} answer, if it reverted. */
  public static Optional<String> revertData(EthCall result) {
    if (result.hasError() && result.getError().getData() != null) {
      return hexData(result.getError().getData().replace("\"", ""));
    }
    return Optional.empty();
  }

  /** {@code text} if it is 0x-prefixed hex of at least a selector. */
  private static Optional<String> hexData(String text) {
    return text != null && text.matches("0x([0-9a-fA-F]{2}){4,}")
        ? Optional.of(text)
        : Optional.empty();
  }

  /** A JSON-RPC answer of any shape (the trace is a JSON object). */
  public static final class RawResponse extends Response<Object> {}
}
