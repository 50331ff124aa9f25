package org.openvpp.node.chain;

import java.io.IOException;
import java.util.List;
import org.openvpp.contracts.devchain.Anvil;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/** Anvil's test-only JSON-RPC methods (anvil_reorg, evm_setAutomine, ...), answered or thrown. */
public final class AnvilRpc {
  private AnvilRpc() {}

  public static Object call(Anvil anvil, String method, Object... params) {
    HttpService service = new HttpService(anvil.rpcUrl());
    try {
      Response<?> response =
          new Request<>(method, List.of(params), service, ObjectResponse.class).send();
      if (response.hasError()) {
        throw new IllegalStateException(method + " failed: " + response.getError().getMessage());
      }
      return response.getResult();
    } catch (IOException e) {
      throw new IllegalStateException(method + " failed", e);
    } finally {
      try {
        service.close();
      } catch (IOException ignored) {
        // closing an HTTP client cannot lose anything
      }
    }
  }

  /** A response whose result is whatever JSON came back. */
  public static final class ObjectResponse extends Response<Object> {}
}
