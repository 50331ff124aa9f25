package org.openvpp.contracts.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openvpp.contracts.devchain.Toolchain;
import org.openvpp.contracts.tx.Transactions;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Test-only contracts (src/test/solidity, compiled to ABI and BIN without wrappers): deploys them
 * with a raw transaction and sends or calls their functions through {@link FunctionEncoder}.
 */
public final class TestContracts {
  private TestContracts() {}

  /** The creation bytecode solc wrote for the test contract {@code name}. */
  public static String bytecode(String name) {
    Path bin =
        Toolchain.repositoryRoot()
            .orElseThrow()
            .resolve("contracts/target/solidity-test")
            .resolve(name + ".bin");
    try {
      return Files.readString(bin).trim();
    } catch (IOException e) {
      throw new IllegalStateException("test contract not compiled: " + bin, e);
    }
  }

  /**
   * Deploys test contract {@code name} with ABI-encoded constructor arguments (hex without 0x,
   * empty for none) and returns its address.
   */
  public static String deploy(
      Web3j web3j, Credentials from, long chainId, String name, String encodedConstructorArgs)
      throws Exception {
    TransactionManager tm = Transactions.manager(web3j, from, chainId);
    var sent =
        tm.sendTransaction(
            Transactions.GAS_PRICE,
            Transactions.GAS_LIMIT,
            null,
            "0x" + bytecode(name) + encodedConstructorArgs,
            BigInteger.ZERO,
            true);
    TransactionReceipt receipt = receipt(web3j, sent.getTransactionHash());
    if (!receipt.isStatusOK() || receipt.getContractAddress() == null) {
      throw new IllegalStateException("deploying " + name + " failed: " + receipt);
    }
    return receipt.getContractAddress();
  }

  /**
   * Sends {@code function} to {@code to}; throws {@link TransactionException} (with the receipt,
   * for {@code ChainFixture.assertReverts}) when it reverts.
   */
  public static TransactionReceipt send(
      Web3j web3j, Credentials from, long chainId, String to, Function function) throws Exception {
    TransactionManager tm = Transactions.manager(web3j, from, chainId);
    var sent =
        tm.sendTransaction(
            Transactions.GAS_PRICE,
            Transactions.GAS_LIMIT,
            to,
            FunctionEncoder.encode(function),
            BigInteger.ZERO);
    if (sent.hasError()) {
      throw new IllegalStateException(sent.getError().getMessage());
    }
    TransactionReceipt receipt = receipt(web3j, sent.getTransactionHash());
    if (!receipt.isStatusOK()) {
      throw new TransactionException("reverted: " + function.getName(), receipt);
    }
    return receipt;
  }

  /** eth_call of a view function; returns the decoded outputs. */
  @SuppressWarnings("rawtypes")
  public static List<Type> call(Web3j web3j, String to, Function function) throws IOException {
    String data = FunctionEncoder.encode(function);
    String result =
        web3j
            .ethCall(
                Transaction.createEthCallTransaction(null, to, data),
                DefaultBlockParameterName.LATEST)
            .send()
            .getValue();
    return FunctionReturnDecoder.decode(result, function.getOutputParameters());
  }

  private static TransactionReceipt receipt(Web3j web3j, String hash) throws Exception {
    return new PollingTransactionReceiptProcessor(web3j, 50, 1_200).waitForTransactionReceipt(hash);
  }
}
