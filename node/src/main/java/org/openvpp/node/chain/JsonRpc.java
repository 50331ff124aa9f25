package org.openvpp.node.chain;

import java.io.IOException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Response;

/**
 * How the node's Web3j callers turn JSON-RPC failures into {@link ChainUnavailableException}: an
 * unreachable endpoint and an error answer both mean "try again later", never a wrong value.
 */
public final class JsonRpc {
  private JsonRpc() {}

  /** One Web3j request, typically {@code () -> web3j.ethBlockNumber().send()}. */
  public interface Call<R> {
    R send() throws IOException;
  }

  /** Sends {@code call}; an I/O failure becomes {@link ChainUnavailableException}. */
  public static <R> R call(Call<R> call) {
    try {
      return call.send();
    } catch (IOException e) {
      throw new ChainUnavailableException("JSON-RPC endpoint unreachable: " + e.getMessage(), e);
    }
  }

  /** {@code response} if it carries no error, else {@link ChainUnavailableException}. */
  public static <R extends Response<?>> R ok(R response, String method) {
    if (response.hasError()) {
      throw new ChainUnavailableException(method + " failed: " + response.getError().getMessage());
    }
    return response;
  }

  /** The number of the chain's latest block. */
  public static long headNumber(Web3j web3j) {
    return ok(call(() -> web3j.ethBlockNumber().send()), "eth_blockNumber")
        .getBlockNumber()
        .longValueExact();
  }
}
