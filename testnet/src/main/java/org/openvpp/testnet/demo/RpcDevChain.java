package org.openvpp.testnet.demo;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.openvpp.testnet.round.DevChain;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * A dev chain another process runs ({@code ./vpp testnet}), reached over JSON-RPC. Only chain ids
 * of local dev chains are accepted: the demo mints FLEX with the public dev keys and moves chain
 * time, which must never be tried against a network with value. Every time jump is reported, so the
 * output says plainly that time was moved.
 */
public final class RpcDevChain implements DevChain, AutoCloseable {
  /** Anvil's and Hardhat's default (31337) and the Geth/Besu/Ganache dev default (1337). */
  public static final Set<Long> DEV_CHAIN_IDS = Set.of(31337L, 1337L);

  private final HttpService service;
  private final Web3j web3j;
  private final long chainId;
  private final Consumer<String> say;

  private RpcDevChain(HttpService service, Web3j web3j, long chainId, Consumer<String> say) {
    this.service = service;
    this.web3j = web3j;
    this.chainId = chainId;
    this.say = say;
  }

  /** Connects and checks the chain id; refuses an unreachable RPC or a non-dev chain. */
  public static RpcDevChain connect(String rpcUrl, Consumer<String> say) {
    HttpService service = new HttpService(rpcUrl);
    Web3j web3j = Web3j.build(service);
    long id;
    try {
      BigInteger answer = web3j.ethChainId().send().getChainId();
      if (answer == null) {
        throw new IOException("no chain id in the answer");
      }
      id = answer.longValueExact();
    } catch (IOException | RuntimeException e) {
      web3j.shutdown();
      throw new DemoException(
          DemoException.UNREACHABLE,
          "cannot reach the RPC at "
              + rpcUrl
              + " ("
              + e.getClass().getSimpleName()
              + "): start the local network with ./vpp testnet, or give its --rpc",
          e);
    }
    if (!DEV_CHAIN_IDS.contains(id)) {
      web3j.shutdown();
      throw new DemoException(
          DemoException.WRONG_NETWORK,
          "chain id "
              + id
              + " at "
              + rpcUrl
              + " is not a local dev chain ("
              + DEV_CHAIN_IDS.stream().sorted().map(String::valueOf).toList()
              + "): the demo mints FLEX and moves chain time, which only ./vpp testnet allows");
    }
    return new RpcDevChain(service, web3j, id, say);
  }

  @Override
  public Web3j web3j() {
    return web3j;
  }

  @Override
  public long chainId() {
    return chainId;
  }

  @Override
  public long latestTimestamp() {
    try {
      return web3j
          .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
          .send()
          .getBlock()
          .getTimestamp()
          .longValueExact();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the latest block: " + e.getMessage(), e);
    }
  }

  @Override
  public void warpTo(long timestamp) {
    long delta = timestamp - latestTimestamp();
    if (delta > 0) {
      say.accept("chain time +" + delta + " s (evm_increaseTime: this is a dev chain)");
      rpc("evm_increaseTime", List.of(delta));
      mine();
    }
  }

  @Override
  public void mine() {
    rpc("evm_mine", List.of());
  }

  private void rpc(String method, List<?> params) {
    try {
      Response<?> r = new Request<>(method, params, service, VoidResponse.class).send();
      if (r.hasError()) {
        throw new DemoException(
            DemoException.WRONG_NETWORK,
            method + " refused (" + r.getError().getMessage() + "): is this really a dev chain?");
      }
    } catch (IOException e) {
      throw new DemoException(DemoException.UNREACHABLE, method + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    web3j.shutdown();
  }
}
