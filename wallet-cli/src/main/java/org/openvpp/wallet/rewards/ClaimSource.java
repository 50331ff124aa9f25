package org.openvpp.wallet.rewards;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.session.Session;
import picocli.CommandLine.Option;

/**
 * Where claim proofs come from, shared by {@code rewards show} and {@code rewards claim}: files a
 * node handed out, or nodes' HTTP APIs asked for one owner's claims.
 */
final class ClaimSource {
  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "claim-proof file (one claim or an array); repeatable")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--node-api",
      paramLabel = "URL",
      description = "a node's HTTP API, asked GET URL/v1/rewards/OWNER; repeatable")
  List<String> nodeApis = new ArrayList<>();

  @Option(
      names = "--owner",
      paramLabel = "WHO",
      description = "whose rewards (address or account name; default: the acting account)")
  Optional<String> owner = Optional.empty();

  List<ClaimProof> load(Session session) {
    if (files.isEmpty() && nodeApis.isEmpty()) {
      throw WalletException.usage("give the proofs: --file FILE or --node-api URL");
    }
    List<ClaimProof> claims = new ArrayList<>();
    for (Path file : files) {
      claims.addAll(ClaimProofs.read(file));
    }
    if (!nodeApis.isEmpty()) {
      String who = session.addressOrSelf(owner, "owner address");
      for (String url : nodeApis) {
        claims.addAll(NodeApi.fetch(url, who));
      }
    }
    if (owner.isPresent()) {
      String who = session.address(owner.get(), "owner address");
      claims.removeIf(c -> !c.owner().equalsIgnoreCase(who));
    }
    if (claims.isEmpty()) {
      throw WalletException.notFound(
          "no claims"
              + owner.map(o -> " for " + o).orElse("")
              + " in "
              + String.join(", ", sources())
              + ": the owner has no rewards there yet");
    }
    return claims;
  }

  private List<String> sources() {
    List<String> s = new ArrayList<>();
    files.forEach(f -> s.add(f.toString()));
    s.addAll(nodeApis);
    return s;
  }
}
