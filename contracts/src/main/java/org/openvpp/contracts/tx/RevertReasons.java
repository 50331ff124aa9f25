package org.openvpp.contracts.tx;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * Finds why a mined transaction reverted. Receipts carry no revert data, so the transaction is
 * replayed with {@code eth_call} on the state of the block before it, and the error data that the
 * node returns is decoded with {@link ContractErrors}.
 */
public final class RevertReasons {
  private RevertReasons() {}

  /** The decoded custom error of a failed transaction, if the chain still reproduces it. */
  public static Optional<ContractErrors.DecodedError> of(Web3j web3j, TransactionException e) {
    return e.getTransactionReceipt().flatMap(receipt -> of(web3j, receipt));
  }

  public static Optional<ContractErrors.DecodedError> of(Web3j web3j, TransactionReceipt receipt) {
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
      return revertData(result).flatMap(ContractErrors.all()::decode);
    } catch (IOException ex) {
      return Optional.empty();
    }
  }

  /** The raw revert data of an {@code eth_call} answer, if it reverted. */
  public static Optional<String> revertData(EthCall result) {
    if (result.hasError() && result.getError().getData() != null) {
      String data = result.getError().getData().replace("\"", "");
      return data.startsWith("0x") ? Optional.of(data) : Optional.empty();
    }
    return Optional.empty();
  }
}
