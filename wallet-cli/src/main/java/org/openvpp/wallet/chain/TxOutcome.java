package org.openvpp.wallet.chain;

import java.util.Map;
import org.openvpp.wallet.cli.Output;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** A mined, successful transaction. */
public record TxOutcome(String hash, long block, long gasUsed, TransactionReceipt receipt) {
  /** The fields every transaction command prints, before its own. */
  public Map<String, Object> fields() {
    Map<String, Object> f = Output.record();
    f.put("transaction", hash);
    f.put("block", block);
    f.put("gasUsed", gasUsed);
    f.put("status", "ok");
    return f;
  }
}
