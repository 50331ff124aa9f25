package org.openvpp.testnet.bench;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Gas used per operation, in the order measured. */
final class GasLedger {
  private final Map<String, Object> entries = new LinkedHashMap<>();

  /** Records the gas of one mined transaction; fails if it reverted (a report of a revert lies). */
  long record(String operation, TransactionReceipt receipt) {
    long gas = check(operation, receipt);
    entries.put(operation, gas);
    return gas;
  }

  /** The gas of a mined transaction that must not have reverted, for figures kept in a group. */
  long check(String operation, TransactionReceipt receipt) {
    if (!receipt.isStatusOK()) {
      throw new IllegalStateException(operation + " reverted: " + receipt.getTransactionHash());
    }
    return receipt.getGasUsed().longValueExact();
  }

  void put(String key, Object value) {
    entries.put(key, value);
  }

  Map<String, Object> entries() {
    return entries;
  }

  static long gas(TransactionReceipt receipt) {
    return receipt.getGasUsed().longValueExact();
  }

  static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }
}
