package org.openvpp.wallet.requester;

import java.math.BigInteger;
import java.util.Map;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxOutcome;
import org.openvpp.wallet.cli.Amounts;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code request cancel ID}: the requester withdraws an open request before bidding closes. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = {
      "Cancel your open request before its bid deadline. The escrow is credited back (take it",
      "with `request withdraw`); nodes that committed reclaim their deposits."
    },
    footer = {"", "Examples:", "  vpp-wallet request cancel 3"})
final class CancelRequest extends WalletCommand {
  @Parameters(paramLabel = "ID", description = "request id")
  String id;

  @Override
  protected void run(Session session) {
    BigInteger requestId = Requests.id(id);
    Chain chain = session.chain();
    FlexibilityCoordinator.Request r = Requests.require(chain, requestId);
    TxOutcome outcome = Requests.send(session, c -> c.cancel(requestId), "cancel request");
    Map<String, Object> f = outcome.fields();
    f.put("request", requestId);
    f.put("requestStatus", Requests.status(Requests.require(chain, requestId)));
    f.put("credited", Amounts.format(r.escrow));
    f.put("owed", Amounts.format(Requests.owed(chain, r.requester)));
    session.out().fields(f);
  }
}
