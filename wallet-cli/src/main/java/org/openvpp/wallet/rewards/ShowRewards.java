package org.openvpp.wallet.rewards;

import java.util.List;
import java.util.Map;
import org.openvpp.wallet.cli.Amounts;
import org.openvpp.wallet.cli.Output;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code rewards show}: per node, what the proof credits, what is claimed and what is claimable.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Show rewards per node: the cumulative amount in the proof, what was already claimed",
      "on-chain (Settlement.claimed) and what is claimable now. Each proof is checked against",
      "the node's current reward root: stale (an earlier root) and forged proofs are named."
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet rewards show --file rewards-node1.json",
      "  vpp-wallet rewards show --node-api http://127.0.0.1:8080 --owner owner --json"
    })
final class ShowRewards extends WalletCommand {
  static final List<String> COLUMNS =
      List.of("node", "owner", "cumulative", "claimed", "claimable", "proof");

  @Mixin ClaimSource source;

  @Override
  protected void run(Session session) {
    List<ClaimProof> claims = source.load(session);
    List<Map<String, Object>> rows =
        ClaimCheck.all(session.chain(), claims).stream().map(ShowRewards::row).toList();
    session.out().table(COLUMNS, rows);
  }

  static Map<String, Object> row(ClaimCheck c) {
    Map<String, Object> row = Output.record();
    row.put("node", c.claim().node());
    row.put("owner", c.claim().owner());
    row.put("cumulative", Amounts.format(c.claim().cumulativeAmount()));
    row.put("claimed", Amounts.format(c.claimed()));
    row.put("claimable", c.claimable() == null ? null : Amounts.format(c.claimable()));
    row.put("proof", c.proof().text);
    return row;
  }
}
