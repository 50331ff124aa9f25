package org.openvpp.wallet.chain;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.openvpp.wallet.cli.ExitCode;
import org.openvpp.wallet.cli.WalletException;
import org.web3j.protocol.exceptions.ClientConnectionException;

/** Runs one JSON-RPC exchange and turns transport failures into exit code 4 with a hint. */
public final class Rpc {
  private final String url;

  public Rpc(String url) {
    this.url = url;
  }

  public <T> T call(Callable<T> exchange) {
    try {
      return exchange.call();
    } catch (IOException | ClientConnectionException e) {
      throw unreachable(e);
    } catch (WalletException e) {
      throw e;
    } catch (RuntimeException e) {
      if (e.getCause() instanceof IOException io) {
        throw unreachable(io);
      }
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private WalletException unreachable(Exception e) {
    return new WalletException(
        ExitCode.RPC_UNREACHABLE,
        "cannot reach the JSON-RPC endpoint "
            + url
            + " ("
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
            + "): is the chain running? Set --rpc URL or rpc= in the config file",
        e);
  }
}
