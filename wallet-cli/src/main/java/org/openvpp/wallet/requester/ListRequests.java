package org.openvpp.wallet.requester;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.cli.Amounts;
import org.openvpp.wallet.cli.Output;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import org.web3j.protocol.core.methods.response.Log;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code request list [WHO]}: an account's requests, found by the indexed requester of {@code
 * RequestPosted}; each row's status is read from the contract now, since events alone do not say
 * whether a request was cleared, cancelled or expired since.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the requests an account posted (default: yours), with their status now.",
    footer = {
      "",
      "Examples:",
      "  vpp-wallet request list",
      "  vpp-wallet request list requester --json"
    })
final class ListRequests extends WalletCommand {
  static final List<String> COLUMNS =
      List.of(
          "request", "status", "direction", "powerW", "start", "durationSeconds", "escrowPosted");

  @Parameters(paramLabel = "WHO", arity = "0..1", description = "address or account name")
  Optional<String> who;

  @Override
  protected void run(Session session) {
    String requester = session.addressOrSelf(who, "requester address");
    Chain chain = session.chain();
    FlexibilityCoordinator coordinator = chain.coordinator();
    List<Log> logs =
        chain.logs(
            chain.contract(Deployment.FLEXIBILITY_COORDINATOR),
            FlexibilityCoordinator.REQUESTPOSTED_EVENT,
            null,
            Chain.topic(requester));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Log log : logs) {
      var e = FlexibilityCoordinator.getRequestPostedEventFromLog(log);
      BigInteger id = e.requestId;
      FlexibilityCoordinator.Request r = chain.read(() -> coordinator.getRequest(id).send());
      Map<String, Object> row = Output.record();
      row.put("request", id);
      row.put("status", Requests.status(r));
      row.put("direction", Requests.direction(e.direction));
      row.put("powerW", e.powerW.longValueExact());
      row.put("start", Requests.time(e.start));
      row.put("durationSeconds", e.duration.longValueExact());
      row.put("escrowPosted", Amounts.format(e.escrow));
      rows.add(row);
    }
    session.out().table(COLUMNS, rows);
  }
}
