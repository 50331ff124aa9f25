package org.openvpp.wallet.rewards;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxOutcome;
import org.openvpp.wallet.cli.Amounts;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code rewards claim}: pays the claimable rewards. Every proof is checked first, so a stale or
 * forged proof, or one with nothing left to claim, is a one-line error and nothing is sent; the
 * claims that pay are sent as one {@code claim}, or one {@code claimMany} for several.
 */
@Command(
    name = "claim",
    mixinStandardHelpOptions = true,
    description = {
      "Claim rewards with proofs from files or nodes' APIs: one claim transaction, or one",
      "claimMany for several nodes. The FLEX goes to each proof's owner; the acting account",
      "pays the gas. Proofs are checked before sending: a stale or forged proof is refused",
      "(exit 2), and with nothing left to claim the command fails with exit 7."
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet rewards claim --file rewards-node1.json",
      "  vpp-wallet rewards claim --node-api http://node-1:8080 --node-api http://node-2:8080"
    })
final class ClaimRewards extends WalletCommand {
  @Mixin ClaimSource source;

  @Override
  protected void run(Session session) {
    Chain chain = session.chain();
    List<ClaimCheck> checks = ClaimCheck.all(chain, source.load(session));
    for (ClaimCheck c : checks) {
      if (c.proof() != ClaimCheck.Proof.VALID) {
        throw WalletException.usage(
            "the proof for owner "
                + c.claim().owner()
                + " from node "
                + c.claim().node()
                + " ("
                + c.claim().source()
                + ") is "
                + c.proof().text
                + "; nothing sent");
      }
    }
    // The same node and owner twice (two files, a file and an API): only the larger cumulative
    // amount pays; sending both would make the second revert with NothingToClaim.
    Map<String, ClaimCheck> unique = new LinkedHashMap<>();
    for (ClaimCheck c : checks) {
      unique.merge(
          c.claim().node() + "/" + c.claim().owner(),
          c,
          (a, b) ->
              a.claim().cumulativeAmount().compareTo(b.claim().cumulativeAmount()) >= 0 ? a : b);
    }
    List<ClaimCheck> paying =
        unique.values().stream().filter(c -> c.claimable().signum() > 0).toList();
    for (ClaimCheck c : checks) {
      if (c.claimable().signum() == 0) {
        session
            .progress()
            .say(
                "skipping node "
                    + c.claim().node()
                    + " for "
                    + c.claim().owner()
                    + ": already claimed "
                    + Amounts.format(c.claimed())
                    + " FLEX, all this proof covers");
      }
    }
    if (paying.isEmpty()) {
      throw WalletException.notFound(
          "nothing to claim: these proofs are claimed in full; a node hands out a new proof after"
              + " its next settlement");
    }
    Settlement settlement = chain.settlement();
    String data;
    String what;
    if (paying.size() == 1) {
      ClaimProof c = paying.get(0).claim();
      data =
          settlement
              .claim(c.node(), c.owner(), c.cumulativeAmount(), c.proof())
              .encodeFunctionCall();
      what = "claim";
    } else {
      data =
          settlement
              .claimMany(
                  paying.stream()
                      .map(ClaimCheck::claim)
                      .map(
                          c ->
                              new Settlement.Claim(
                                  c.node(), c.owner(), c.cumulativeAmount(), c.proof()))
                      .toList())
              .encodeFunctionCall();
      what = "claimMany (" + paying.size() + " claims)";
    }
    TxOutcome outcome = session.sender().send(chain.contract(Deployment.SETTLEMENT), data, what);
    BigInteger total = BigInteger.ZERO;
    for (var e : Settlement.getRewardClaimedEvents(outcome.receipt())) {
      total = total.add(e.amount);
    }
    Map<String, Object> f = outcome.fields();
    f.put("claims", paying.size());
    f.put("claimed", Amounts.format(total));
    f.put("owners", paying.stream().map(c -> c.claim().owner()).distinct().toList());
    session.out().fields(f);
  }
}
