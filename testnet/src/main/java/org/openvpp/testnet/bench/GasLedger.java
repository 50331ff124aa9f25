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
    if (!receipt.isStatusOK()) {
      throw new IllegalStateException(operation + " reverted: " + receipt.getTransactionHash());
    }
    long gas = receipt.getGasUsed().longValueExact();
    entries.put(operation, gas);
    return gas;
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
