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

/**
 * {@code request close ID NODE}: closes an award nobody settled by the settlement deadline, so the
 * node's bond is forfeited and its obligation (which holds its stake) ends.
 */
@Command(
    name = "close",
    mixinStandardHelpOptions = true,
    description = {
      "Close an award nobody settled by the request's settlement deadline (closeUnsettled;",
      "anyone may): the node delivered no evidence that finalized in time, so its whole",
      "performance bond is forfeited, the requester's share credited to the requester and the",
      "rest to the treasury, and the node's obligation is closed. Then `request release` the",
      "unpaid escrow and take both with `request withdraw`."
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet request close 3 0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      "  vpp-wallet request close 3 node-b --json"
    })
final class CloseUnsettled extends WalletCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "request id")
  String id;

  @Parameters(
      index = "1",
      paramLabel = "NODE",
      description = "the awarded node: 0x address or a keystore account name")
  String node;

  @Override
  protected void run(Session session) {
    BigInteger requestId = Requests.id(id);
    String awarded = session.address(node, "node address");
    Chain chain = session.chain();
    FlexibilityCoordinator.Request r = Requests.require(chain, requestId);
    TxOutcome outcome =
        Requests.send(session, c -> c.closeUnsettled(requestId, awarded), "close unsettled award");
    Map<String, Object> f = outcome.fields();
    f.put("request", requestId);
    f.put("node", awarded);
    var forfeits = FlexibilityCoordinator.getBondForfeitedEvents(outcome.receipt());
    BigInteger forfeited = BigInteger.ZERO;
    BigInteger toRequester = BigInteger.ZERO;
    BigInteger toTreasury = BigInteger.ZERO;
    if (!forfeits.isEmpty()) {
      forfeited = forfeits.get(0).amount;
      toRequester = forfeits.get(0).toRequester;
      toTreasury = forfeits.get(0).toTreasury;
    }
    f.put("bondForfeited", Amounts.format(forfeited));
    f.put("toRequester", Amounts.format(toRequester));
    f.put("toTreasury", Amounts.format(toTreasury));
    f.put("requester", r.requester);
    f.put("owed", Amounts.format(Requests.owed(chain, r.requester)));
    session.out().fields(f);
  }
}
