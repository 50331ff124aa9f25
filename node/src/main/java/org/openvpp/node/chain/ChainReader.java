package org.openvpp.node.chain;

import java.util.List;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.Log;

/** The few JSON-RPC reads the follower needs. Every call blocks: worker threads only. */
public interface ChainReader {
  /** The number of the newest block. */
  long headNumber();

  /** The canonical block at this height, or empty if the chain is shorter. */
  Optional<BlockHeader> header(long number);

  /** The logs of these contracts in exactly this block (EIP-234: by hash, never from a fork). */
  List<Log> logs(String blockHash, List<String> contracts);

  /** The logs of these contracts in a range of blocks (used only below the reorg horizon). */
  List<Log> logs(long fromBlock, long toBlock, List<String> contracts);
}
