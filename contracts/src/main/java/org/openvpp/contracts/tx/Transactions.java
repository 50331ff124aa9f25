package org.openvpp.contracts.tx;

import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Transaction managers and gas settings for the project's contracts: EIP-155 signing with the chain
 * id (no cross-chain replay of our own transactions), and receipts polled quickly because dev
 * chains mine on every transaction.
 */
public final class Transactions {
  /** Enough for the heaviest call we make (deploying DeviceRegistry, ~3.5 M gas). */
  public static final BigInteger GAS_LIMIT = BigInteger.valueOf(12_000_000);

  /** A legacy gas price above any dev-chain base fee; real networks configure their own. */
  public static final BigInteger GAS_PRICE = BigInteger.valueOf(3_000_000_000L);

  private static final long POLL_MILLIS = 50;
  private static final int POLL_ATTEMPTS = 1_200; // one minute

  private Transactions() {}

  public static TransactionManager manager(Web3j web3j, Credentials credentials, long chainId) {
    return new RawTransactionManager(
        web3j,
        credentials,
        chainId,
        new PollingTransactionReceiptProcessor(web3j, POLL_MILLIS, POLL_ATTEMPTS));
  }

  public static ContractGasProvider gas() {
    return new StaticGasProvider(GAS_PRICE, GAS_LIMIT);
  }
}
