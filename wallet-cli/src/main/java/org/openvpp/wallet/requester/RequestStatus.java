package org.openvpp.wallet.requester;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * {@code request status ID}: everything about one request. The contract's view functions give the
 * request and each bid; who bid comes from {@code BidCommitted} events (the contract keeps no list
 * of committers), and what settlement delivered and paid from {@code AwardSettled} events.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show a request: parameters, state, deadlines, every bid (committed or revealed, power,",
      "price), the awards with the clearing price and, per award, whether it is settled, the",
      "delivered energy and the payment; escrow, paid and refund. Prices are FLEX per kWh."
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet request status 3",
      "  vpp-wallet request status 3 --json"
    })
final class RequestStatus extends WalletCommand {
  static final List<String> BID_COLUMNS =
      List.of("node", "commitIndex", "bid", "powerW", "pricePerKWh", "awardedW", "bond");
  static final List<String> AWARD_COLUMNS =
      List.of("node", "awardedW", "settled", "deliveredWh", "payment", "bond");

  @Parameters(paramLabel = "ID", description = "request id")
  String id;

  @Override
  protected void run(Session session) {
    BigInteger requestId = Requests.id(id);
    Chain chain = session.chain();
    FlexibilityCoordinator.Request r = Requests.require(chain, requestId);
    FlexibilityCoordinator coordinator = chain.coordinator();
    String address = chain.contract(Deployment.FLEXIBILITY_COORDINATOR);
    String idTopic = Chain.topic(requestId);

    Set<String> bidders = new LinkedHashSet<>();
    for (Log log : chain.logs(address, FlexibilityCoordinator.BIDCOMMITTED_EVENT, idTopic)) {
      bidders.add(FlexibilityCoordinator.getBidCommittedEventFromLog(log).node);
    }
    Map<String, FlexibilityCoordinator.AwardSettledEventResponse> settled = new HashMap<>();
    for (Log log : chain.logs(address, FlexibilityCoordinator.AWARDSETTLED_EVENT, idTopic)) {
      var e = FlexibilityCoordinator.getAwardSettledEventFromLog(log);
      settled.put(e.node.toLowerCase(Locale.ROOT), e);
    }
    BigInteger refund = null;
    for (Log log : chain.logs(address, FlexibilityCoordinator.ESCROWRELEASED_EVENT, idTopic)) {
      refund = FlexibilityCoordinator.getEscrowReleasedEventFromLog(log).refund;
    }

    List<Map<String, Object>> bids = new ArrayList<>();
    List<Map<String, Object>> awards = new ArrayList<>();
    boolean cleared = "cleared".equals(Requests.status(r));
    for (String node : bidders) {
      FlexibilityCoordinator.Bid b = chain.read(() -> coordinator.getBid(requestId, node).send());
      bids.add(bidRow(node, b, r));
      if (cleared && b.awardedW.signum() > 0) {
        awards.add(awardRow(node, b, settled.get(node.toLowerCase(Locale.ROOT))));
      }
    }

    Map<String, Object> f = fields(chain, requestId, r, refund);
    if (session.out().json()) {
      f.put("bids", bids);
      f.put("awards", awards);
      session.out().fields(f);
      return;
    }
    Output out = session.out();
    out.fields(f);
    out.line("");
    out.line("bids:");
    out.table(BID_COLUMNS, bids);
    out.line("");
    out.line("awards:");
    out.table(AWARD_COLUMNS, awards);
  }

  private static Map<String, Object> fields(
      Chain chain, BigInteger requestId, FlexibilityCoordinator.Request r, BigInteger refund) {
    Map<String, Object> f = Output.record();
    f.put("request", requestId);
    f.put("requester", r.requester);
    f.put("status", Requests.status(r));
    f.put("zone", Requests.zone(r.zone));
    f.put("direction", Requests.direction(r.direction));
    f.put("powerW", r.powerW.longValueExact());
    f.put("start", Requests.time(r.start));
    f.put("end", Requests.time(r.start.add(r.duration)));
    f.put("durationSeconds", r.duration.longValueExact());
    f.put("maxPricePerKWh", Amounts.format(r.maxPricePerKWh));
    f.put("bidDeadline", Requests.time(r.bidDeadline));
    f.put("revealDeadline", Requests.time(r.revealDeadline));
    f.put(
        "settlementDeadline",
        Requests.time(chain.read(() -> chain.coordinator().settlementDeadline(requestId).send())));
    f.put("bidDeposit", Amounts.format(r.bidDeposit));
    f.put("bondPerKWh", Amounts.format(r.bondPerKWh));
    f.put("requesterShareBps", r.requesterShareBps.longValueExact());
    f.put("deliveryGraceSeconds", r.deliveryGraceSeconds.longValueExact());
    f.put("commits", r.commits.longValueExact());
    f.put("reveals", r.reveals.longValueExact());
    boolean cleared = "cleared".equals(Requests.status(r));
    f.put("awardedPowerW", cleared ? r.awardedPowerW.longValueExact() : null);
    f.put("clearingPricePerKWh", cleared ? Amounts.format(r.clearingPrice) : null);
    f.put("awardCount", r.awards.longValueExact());
    f.put("settledAwards", r.settledAwards.longValueExact());
    f.put("escrow", Amounts.format(r.escrow));
    f.put("paid", Amounts.format(r.paid));
    f.put("escrowReleased", r.escrowReleased);
    f.put("refund", refund == null ? null : Amounts.format(refund));
    return f;
  }

  private static Map<String, Object> bidRow(
      String node, FlexibilityCoordinator.Bid b, FlexibilityCoordinator.Request r) {
    Map<String, Object> row = Output.record();
    row.put("node", node);
    row.put("commitIndex", b.commitIndex.longValueExact());
    row.put("bid", b.revealed ? "revealed" : unrevealed(r));
    row.put("powerW", b.revealed ? b.powerW.longValueExact() : null);
    row.put("pricePerKWh", b.revealed ? Amounts.format(b.pricePerKWh) : null);
    row.put("awardedW", b.awardedW.longValueExact());
    row.put("bond", Amounts.format(b.bond));
    return row;
  }

  /** A commit without reveal: sealed while revealing is possible, forfeited after clearing. */
  private static String unrevealed(FlexibilityCoordinator.Request r) {
    return switch (Requests.status(r)) {
      case "open" -> "committed";
      case "cancelled" -> "committed (cancelled)";
      default -> "not revealed (deposit forfeited)";
    };
  }

  private static Map<String, Object> awardRow(
      String node,
      FlexibilityCoordinator.Bid b,
      FlexibilityCoordinator.AwardSettledEventResponse settlement) {
    Map<String, Object> row = Output.record();
    row.put("node", node);
    row.put("awardedW", b.awardedW.longValueExact());
    row.put("settled", b.settled);
    row.put("bond", Amounts.format(b.bond));
    row.put("deliveredWh", settlement == null ? null : settlement.deliveredWh.longValueExact());
    row.put("payment", settlement == null ? null : Amounts.format(settlement.payment));
    return row;
  }
}
