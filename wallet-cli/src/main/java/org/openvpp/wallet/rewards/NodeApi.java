package org.openvpp.wallet.rewards;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.openvpp.wallet.cli.ExitCode;
import org.openvpp.wallet.cli.WalletException;

/**
 * A node's reward API: {@code GET {URL}/v1/rewards/{owner}} returns the owner's claims against that
 * node's latest finalized reward root as a JSON array in the claim-proof format (empty, or 404,
 * when the owner has none). The wallet trusts nothing in the answer: every proof is checked against
 * the chain before it is shown as valid or sent.
 */
final class NodeApi {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private NodeApi() {}

  static List<ClaimProof> fetch(String baseUrl, String owner) {
    URI uri = uri(baseUrl, owner);
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new WalletException(
          ExitCode.RPC_UNREACHABLE,
          "cannot reach the node API "
              + uri
              + " ("
              + e.getClass().getSimpleName()
              + "): is the node running and is --node-api its HTTP address?",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WalletException(ExitCode.RPC_UNREACHABLE, "interrupted while asking " + uri);
    }
    if (response.statusCode() == 404) {
      return List.of();
    }
    if (response.statusCode() != 200) {
      throw new WalletException(
          ExitCode.RPC_UNREACHABLE,
          "the node API answered " + uri + " with HTTP " + response.statusCode());
    }
    return ClaimProofs.parse(response.body(), uri.toString());
  }

  private static URI uri(String baseUrl, String owner) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    try {
      URI uri = new URI(base + "/v1/rewards/" + owner.toLowerCase(Locale.ROOT));
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw WalletException.usage(
        "malformed node API URL '" + baseUrl + "': give http://HOST:PORT of the node's HTTP API");
  }
}
