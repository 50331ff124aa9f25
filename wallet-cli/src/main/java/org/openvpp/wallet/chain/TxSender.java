package org.openvpp.wallet.chain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.openvpp.contracts.tx.ContractErrors;
import org.openvpp.contracts.tx.Transactions;
import org.openvpp.wallet.cli.ExitCode;
import org.openvpp.wallet.cli.Progress;
import org.openvpp.wallet.cli.WalletException;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;

/**
 * Sends one contract call the way a person wants to watch it: simulated first (a call that would
 * revert is refused with its decoded reason and costs nothing), then signed with the chain id
 * (EIP-155), its hash printed at once, its receipt awaited with progress on stderr, its outcome
 * decoded from the contract's custom errors.
 */
public final class TxSender {
  private static final long POLL_MILLIS = 100;
  private static final long PROGRESS_EVERY_MILLIS = 5_000;

  private final Chain chain;
  private final Credentials from;
  private final Progress progress;
  private final Duration timeout;

  public TxSender(Chain chain, Credentials from, Progress progress, Duration timeout) {
    this.chain = chain;
    this.from = from;
    this.progress = progress;
    this.timeout = timeout;
  }

  public String from() {
    return from.getAddress();
  }

  /** Sends {@code data} to {@code to}; {@code what} names the action in progress lines. */
  public TxOutcome send(String to, String data, String what) {
    Web3j web3j = chain.web3j();
    BigInteger gasLimit = estimateGas(to, data, what);
    BigInteger gasPrice = chain.read(() -> web3j.ethGasPrice().send().getGasPrice());
    // EIP-155 signing with the deployment's chain id; its receipt processor is not used: the
    // receipt is awaited below, with progress and the configured timeout.
    TransactionManager manager = Transactions.manager(web3j, from, chain.chainId());
    EthSendTransaction sent =
        chain.read(() -> manager.sendTransaction(gasPrice, gasLimit, to, data, BigInteger.ZERO));
    if (sent.hasError()) {
      throw rejected(sent, what);
    }
    String hash = sent.getTransactionHash();
    progress.say(what + ": sent " + hash + ", waiting to be mined…");
    TransactionReceipt receipt = awaitReceipt(hash);
    if (!receipt.isStatusOK()) {
      String reason =
          Reverts.ofMined(web3j, receipt)
              .map(e -> Reverts.explain(e, chain.contractName(to)))
              .orElse("no reason given by the chain");
      throw new WalletException(
          ExitCode.REVERTED, what + ": transaction " + hash + " reverted: " + reason);
    }
    progress.say(what + ": mined in block " + receipt.getBlockNumber());
    return new TxOutcome(
        hash,
        receipt.getBlockNumber().longValueExact(),
        receipt.getGasUsed().longValueExact(),
        receipt);
  }

  private BigInteger estimateGas(String to, String data, String what) {
    Transaction call =
        Transaction.createFunctionCallTransaction(from.getAddress(), null, null, null, to, data);
    EthEstimateGas estimate = chain.read(() -> chain.web3j().ethEstimateGas(call).send());
    if (estimate.hasError()) {
      Optional<ContractErrors.DecodedError> decoded = Reverts.decode(estimate);
      if (decoded.isPresent()) {
        ExitCode code =
            Reverts.isShortOfFunds(decoded.get()) ? ExitCode.INSUFFICIENT_FUNDS : ExitCode.REVERTED;
        throw new WalletException(
            code,
            what
                + " would revert (nothing sent): "
                + Reverts.explain(decoded.get(), chain.contractName(to)));
      }
      throw rejected(estimate, what);
    }
    // A margin over the estimate: state can move between simulation and mining.
    BigInteger gas = estimate.getAmountUsed();
    return gas.add(gas.divide(BigInteger.valueOf(4))).add(BigInteger.valueOf(10_000));
  }

  private WalletException rejected(Response<?> response, String what) {
    String message = response.getError().getMessage();
    if (message != null && message.toLowerCase(Locale.ROOT).contains("insufficient funds")) {
      return WalletException.insufficient(
          what
              + ": not enough ETH for gas in "
              + from.getAddress()
              + " (balance "
              + org.openvpp.wallet.cli.Amounts.format(chain.ethBalance(from.getAddress()))
              + " ETH): fund the account first");
    }
    return new WalletException(ExitCode.REVERTED, what + " was rejected by the node: " + message);
  }

  private TransactionReceipt awaitReceipt(String hash) {
    long start = System.nanoTime();
    long lastProgress = start;
    while (true) {
      Optional<TransactionReceipt> receipt =
          chain.read(
              () -> chain.web3j().ethGetTransactionReceipt(hash).send().getTransactionReceipt());
      if (receipt.isPresent()) {
        return receipt.get();
      }
      long now = System.nanoTime();
      if (Duration.ofNanos(now - start).compareTo(timeout) > 0) {
        throw new WalletException(
            ExitCode.TIMEOUT,
            "transaction "
                + hash
                + " not mined after "
                + timeout.toSeconds()
                + " s: it may still be mined; look it up by its hash before sending again");
      }
      if (Duration.ofNanos(now - lastProgress).toMillis() >= PROGRESS_EVERY_MILLIS) {
        progress.say(
            "  still waiting for "
                + hash
                + " ("
                + Duration.ofNanos(now - start).toSeconds()
                + " s)");
        lastProgress = now;
      }
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WalletException(ExitCode.TIMEOUT, "interrupted while waiting for the receipt");
    }
  }
}
