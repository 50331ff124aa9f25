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

/** {@code request release ID}: credits the unpaid escrow of a cleared request back. */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = {
      "Credit the escrow a cleared request did not pay out back to its requester",
      "(releaseEscrow; anyone may), once every award is settled or the settlement deadline has",
      "passed. Take it with `request withdraw`."
    },
    footer = {"", "Examples:", "  vpp-wallet request release 3"})
final class ReleaseEscrow extends WalletCommand {
  @Parameters(paramLabel = "ID", description = "request id")
  String id;

  @Override
  protected void run(Session session) {
    BigInteger requestId = Requests.id(id);
    Chain chain = session.chain();
    FlexibilityCoordinator.Request r = Requests.require(chain, requestId);
    TxOutcome outcome = Requests.send(session, c -> c.releaseEscrow(requestId), "release escrow");
    var released = FlexibilityCoordinator.getEscrowReleasedEvents(outcome.receipt()).get(0);
    Map<String, Object> f = outcome.fields();
    f.put("request", requestId);
    f.put("refund", Amounts.format(released.refund));
    f.put("requester", r.requester);
    f.put("owed", Amounts.format(Requests.owed(chain, r.requester)));
    session.out().fields(f);
  }
}
