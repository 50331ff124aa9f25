package org.openvpp.wallet.requester;

import java.math.BigInteger;
import java.util.Map;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.wallet.chain.Allowances;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxOutcome;
import org.openvpp.wallet.chain.TxSender;
import org.openvpp.wallet.cli.Amounts;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.cli.Zones;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code request post ZONE}: posts a flexibility request. The coordinator pulls the worst-case cost
 * (power × duration × price cap) as escrow, so the escrow is computed by the contract itself,
 * printed, checked against the balance and approved before the request is sent.
 */
@Command(
    name = "post",
    mixinStandardHelpOptions = true,
    description = {
      "Post a flexibility request in a grid zone and escrow its maximum cost",
      "(power × duration × max price). Bidding is open for --bid-window from now, revealing for",
      "--reveal-window after that; delivery starts at --start, after both windows. Approves the",
      "escrow first when the allowance is short (a second transaction). Prints the request id."
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet request post zone-1 --direction up --power 6kW --start +30m --duration 1h \\",
      "      --max-price 0.4",
      "  vpp-wallet request post zone-1 --direction down --power 2500W \\",
      "      --start 2026-12-01T18:00:00Z --duration 15m --max-price 0.25 --bid-window 10m"
    })
final class PostRequest extends WalletCommand {
  private static final long MAX_DURATION = 86_400;

  @Parameters(paramLabel = "ZONE", description = "grid zone name (or 0x bytes32), as nodes use it")
  String zone;

  @Option(
      names = "--direction",
      required = true,
      paramLabel = "up|down",
      description = "up: more export / less import; down: more import / less export")
  String direction;

  @Option(
      names = "--power",
      required = true,
      paramLabel = "POWER",
      description = "power with its unit: 6000W, 6kW")
  String power;

  @Option(
      names = "--start",
      required = true,
      paramLabel = "TIME",
      description = "delivery start: +30m (from now) or ISO-8601, e.g. 2026-12-01T18:00:00Z")
  String start;

  @Option(
      names = "--duration",
      required = true,
      paramLabel = "DURATION",
      description = "delivery duration, e.g. 15m, 1h, PT1H (at most 1 day)")
  String duration;

  @Option(
      names = "--max-price",
      required = true,
      paramLabel = "FLEX_PER_KWH",
      description = "the most you pay per kWh, in FLEX, e.g. 0.4")
  String maxPrice;

  @Option(
      names = "--bid-window",
      defaultValue = "5m",
      paramLabel = "DURATION",
      description = "how long nodes may commit bids, from now (default: ${DEFAULT-VALUE})")
  String bidWindow;

  @Option(
      names = "--reveal-window",
      defaultValue = "5m",
      paramLabel = "DURATION",
      description = "how long nodes may reveal after bidding closes (default: ${DEFAULT-VALUE})")
  String revealWindow;

  @Override
  protected void run(Session session) {
    int directionCode = Requests.DIRECTION.indexOf(direction.toLowerCase(java.util.Locale.ROOT));
    if (directionCode < 0) {
      throw WalletException.usage("--direction must be up or down, got '" + direction + "'");
    }
    byte[] zoneId = Zones.parse(zone);
    long powerW = RequestInput.powerW(power);
    long seconds = RequestInput.seconds(duration, "duration");
    if (seconds > MAX_DURATION) {
      throw WalletException.usage("duration must be at most 1 day, got '" + duration + "'");
    }
    BigInteger price = Amounts.parse(maxPrice, "max price");
    long bid = RequestInput.seconds(bidWindow, "bid window");
    long reveal = RequestInput.seconds(revealWindow, "reveal window");

    Chain chain = session.chain();
    String coordinatorAddress = chain.contract(Deployment.FLEXIBILITY_COORDINATOR);
    long now = chain.latestTimestamp();
    long startAt = RequestInput.startTime(start, now);
    long bidDeadline = now + bid;
    long revealDeadline = bidDeadline + reveal;
    if (startAt < revealDeadline) {
      throw WalletException.usage(
          "start "
              + Requests.time(BigInteger.valueOf(startAt))
              + " is before bidding and revealing end ("
              + Requests.time(BigInteger.valueOf(revealDeadline))
              + "): start later or shorten --bid-window/--reveal-window");
    }
    FlexibilityCoordinator coordinator = chain.coordinator();
    BigInteger escrow =
        chain.read(
            () ->
                coordinator
                    .maxCost(BigInteger.valueOf(powerW), BigInteger.valueOf(seconds), price)
                    .send());
    session.progress().say("escrow: " + Amounts.format(escrow) + " FLEX");
    String self = session.account().address();
    BigInteger balance = chain.read(() -> chain.token().balanceOf(self).send());
    if (balance.compareTo(escrow) < 0) {
      throw WalletException.insufficient(
          "insufficient FLEX: "
              + self
              + " has "
              + Amounts.format(balance)
              + ", the escrow is "
              + Amounts.format(escrow));
    }
    TxSender sender = session.sender();
    Allowances.approveIfNeeded(chain, sender, coordinatorAddress, escrow, "the coordinator");
    String data =
        coordinator
            .postRequest(
                new FlexibilityCoordinator.RequestParams(
                    zoneId,
                    BigInteger.valueOf(directionCode),
                    BigInteger.valueOf(powerW),
                    BigInteger.valueOf(startAt),
                    BigInteger.valueOf(seconds),
                    price,
                    BigInteger.valueOf(bidDeadline),
                    BigInteger.valueOf(revealDeadline)))
            .encodeFunctionCall();
    TxOutcome outcome = sender.send(coordinatorAddress, data, "post request");
    var posted = FlexibilityCoordinator.getRequestPostedEvents(outcome.receipt()).get(0);
    Map<String, Object> f = outcome.fields();
    f.put("request", posted.requestId);
    f.put("zone", Requests.zone(posted.zone));
    f.put("direction", Requests.direction(posted.direction));
    f.put("powerW", posted.powerW.longValueExact());
    f.put("start", Requests.time(posted.start));
    f.put("durationSeconds", posted.duration.longValueExact());
    f.put("maxPricePerKWh", Amounts.format(posted.maxPricePerKWh));
    f.put("bidDeadline", Requests.time(posted.bidDeadline));
    f.put("revealDeadline", Requests.time(posted.revealDeadline));
    f.put("escrow", Amounts.format(posted.escrow));
    session.out().fields(f);
  }
}
