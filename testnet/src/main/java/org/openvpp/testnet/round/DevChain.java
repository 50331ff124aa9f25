package org.openvpp.testnet.round;

import org.openvpp.contracts.devchain.Anvil;
import org.web3j.protocol.Web3j;

/**
 * What a round needs of a dev chain: its client, its id, and control of its clock. An Anvil this
 * JVM started is one; a dev chain already running elsewhere ({@code ./vpp testnet}) is another, so
 * RoundDriver plays rounds on either.
 */
public interface DevChain {
  Web3j web3j();

  long chainId();

  /** Timestamp of the latest block, seconds. */
  long latestTimestamp();

  /** Moves chain time to at least {@code timestamp} and mines a block there; never backwards. */
  void warpTo(long timestamp);

  /** Mines one block now. */
  void mine();

  static DevChain of(Anvil anvil) {
    return new DevChain() {
      @Override
      public Web3j web3j() {
        return anvil.web3j();
      }

      @Override
      public long chainId() {
        return anvil.chainId();
      }

      @Override
      public long latestTimestamp() {
        return anvil.latestTimestamp();
      }

      @Override
      public void warpTo(long timestamp) {
        anvil.warpTo(timestamp);
      }

      @Override
      public void mine() {
        anvil.mine();
      }
    };
  }
}
