package org.openvpp.wallet.requester;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.market.ClearingOrder;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxOutcome;
import org.openvpp.wallet.cli.Amounts;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code request clear ID}: runs the auction's clearing once revealing has closed. Anyone may, so a
 * requester need not wait for a node to do it.
 */
@Command(
    name = "clear",
    mixinStandardHelpOptions = true,
    description = {
      "Clear a request's auction after its reveal deadline (anyone may): offers are taken",
      "cheapest first until the power is covered, all at the uniform clearing price. Without",
      "revealed offers the request expires and its escrow is credited back. The merit order",
      "(price, then commit order) is computed from the revealed bids on the chain; bonds above",
      "the awarded energy are credited back to the nodes."
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet request clear 3",
      "  vpp-wallet request clear 3 --json"
    })
final class ClearRequest extends WalletCommand {
  @Parameters(paramLabel = "ID", description = "request id")
  String id;

  @Override
  protected void run(Session session) {
    BigInteger requestId = Requests.id(id);
    Chain chain = session.chain();
    Requests.require(chain, requestId);
    // The contract checks, not sorts: the order comes from the revealed bids on the chain.
    List<String> order = chain.read(() -> ClearingOrder.of(chain.coordinator(), requestId));
    TxOutcome outcome = Requests.send(session, c -> c.clear(requestId, order), "clear request");
    Map<String, Object> f = outcome.fields();
    f.put("request", requestId);
    var cleared = FlexibilityCoordinator.getClearedEvents(outcome.receipt());
    if (cleared.isEmpty()) {
      var expired = FlexibilityCoordinator.getExpiredEvents(outcome.receipt()).get(0);
      f.put("requestStatus", "expired");
      f.put("forfeitedDeposits", Amounts.format(expired.forfeited));
    } else {
      var c = cleared.get(0);
      f.put("requestStatus", "cleared");
      f.put("awardedPowerW", c.awardedPowerW.longValueExact());
      f.put("clearingPricePerKWh", Amounts.format(c.clearingPrice));
      f.put("awards", c.awards.longValueExact());
      f.put("forfeitedDeposits", Amounts.format(c.forfeited));
    }
    session.out().fields(f);
  }
}
