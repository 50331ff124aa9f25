package org.openvpp.wallet.requester;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Market;
import org.openvpp.wallet.testing.WalletChain;
import org.openvpp.wallet.testing.WalletCli.Result;
import org.web3j.crypto.Credentials;

/**
 * A requester's side of the market on a real chain, through the real commands: post with escrow
 * approval, nodes bid (Market fixture), status with bids and awards, clear, release, withdraw,
 * cancel, and the refusals (decoded reverts with hints, bad input before anything is sent). Default
 * market parameters: bid deposit 10 FLEX, settlement period 7 days.
 */
@ExtendWith(AnvilExtension.class)
class RequestCommandsIT {
  private static final BigInteger FLEX = ChainFixture.FLEX;

  @TempDir Path dir;
  private WalletChain w;
  private Market market;
  private String requester;

  @BeforeEach
  void setUp(Anvil anvil) throws Exception {
    w = new WalletChain(anvil, dir);
    requester = w.cli.addAccount("requester", w.chain.account(5));
    w.chain.mint(requester, 10_000);
    w.cli.env("VPP_WALLET_ACCOUNT", "requester");
    market = new Market(w.chain);
  }

  private Result ok(String... args) {
    Result r = w.cli.run(args);
    assertThat(r.code()).as(r.toString()).isZero();
    return r;
  }

  private Credentials node() throws Exception {
    Credentials node = market.fundedAccount();
    market.registerNode(node, Market.ZONE, 2_000);
    return node;
  }

  /** 6 kW for one hour at up to 0.4 FLEX/kWh: escrow 6 kWh × 0.4 = 2.4 FLEX. */
  private Result post() {
    return ok(
        "request",
        "post",
        "zone-a",
        "--direction",
        "up",
        "--power",
        "6kW",
        "--start",
        "+20m",
        "--duration",
        "1h",
        "--max-price",
        "0.4",
        "--json");
  }

  private FlexibilityCoordinator.Request onChain(long id) throws Exception {
    return w.chain.coordinator(w.chain.admin()).getRequest(BigInteger.valueOf(id)).send();
  }

  private String flex() {
    return ok("token", "balance", "--json").json().path("flex").asText();
  }

  private static BigInteger price(String flexPerKWh) {
    return new java.math.BigDecimal(flexPerKWh)
        .multiply(new java.math.BigDecimal(FLEX))
        .toBigIntegerExact();
  }

  @Test
  void postsBidsAreShownClearsReleasesAndWithdraws() throws Exception {
    Result posted = post();
    assertThat(posted.err())
        .contains("escrow: 2.4 FLEX")
        .contains("approve FLEX for the coordinator: sent")
        .contains("post request: sent");
    JsonNode p = posted.json();
    assertThat(p.path("request").asLong()).isEqualTo(1);
    assertThat(p.path("escrow").asText()).isEqualTo("2.4");
    assertThat(p.path("powerW").asLong()).isEqualTo(6000);
    FlexibilityCoordinator.Request r = onChain(1);
    assertThat(r.requester).isEqualToIgnoringCase(requester);
    assertThat(r.zone).isEqualTo(Market.ZONE);
    assertThat(r.duration.longValue()).isEqualTo(3600);
    // default windows: bidding 5 min from now, revealing 5 min after; start 20 min from now
    assertThat(r.revealDeadline.subtract(r.bidDeadline).longValue()).isEqualTo(300);
    assertThat(r.start.subtract(r.bidDeadline).longValue()).isEqualTo(900);
    assertThat(flex()).isEqualTo("9997.6");
    assertThat(ok("request", "list").out()).contains("open").contains("2.4");

    Credentials cheap = node();
    Credentials dear = node();
    Credentials silent = node();
    BigInteger id = BigInteger.ONE;
    var cheapBid = market.commit(cheap, id, 4_000, price("0.2"));
    var dearBid = market.commit(dear, id, 4_000, price("0.3"));
    market.commit(silent, id, 1_000, price("0.1"));
    JsonNode sealed = ok("request", "status", "1", "--json").json();
    assertThat(sealed.path("commits").asLong()).isEqualTo(3);
    assertThat(sealed.path("bids")).hasSize(3);
    assertThat(sealed.path("bids").get(0).path("bid").asText()).isEqualTo("committed");
    assertThat(sealed.path("bids").get(0).path("powerW").isNull()).isTrue();

    market.warpTo(r.bidDeadline.longValueExact());
    market.reveal(cheapBid);
    market.reveal(dearBid);
    Result early = w.cli.run("-a", "other", "request", "clear", "1");
    assertThat(early.code()).as(early.toString()).isEqualTo(1);
    assertThat(early.err()).contains("RevealNotClosed").contains("clear after the reveal deadline");

    market.warpTo(r.revealDeadline.longValueExact());
    JsonNode cleared = ok("-a", "other", "request", "clear", "1", "--json").json();
    assertThat(cleared.path("requestStatus").asText()).isEqualTo("cleared");
    assertThat(cleared.path("awardedPowerW").asLong()).isEqualTo(6000);
    assertThat(cleared.path("clearingPricePerKWh").asText()).isEqualTo("0.3");
    assertThat(cleared.path("forfeitedDeposits").asText()).isEqualTo("10");

    JsonNode s = ok("request", "status", "1", "--json").json();
    assertThat(s.path("status").asText()).isEqualTo("cleared");
    assertThat(s.path("clearingPricePerKWh").asText()).isEqualTo("0.3");
    // 6 kW × 1 h at the clearing price stays in escrow; the rest was credited back.
    assertThat(s.path("escrow").asText()).isEqualTo("1.8");
    assertThat(s.path("awardCount").asLong()).isEqualTo(2);
    assertThat(s.path("paid").asText()).isEqualTo("0");
    assertThat(s.path("refund").isNull()).isTrue();
    JsonNode bids = s.path("bids");
    assertThat(bids.get(0).path("node").asText()).isEqualToIgnoringCase(cheap.getAddress());
    assertThat(bids.get(0).path("bid").asText()).isEqualTo("revealed");
    assertThat(bids.get(0).path("pricePerKWh").asText()).isEqualTo("0.2");
    assertThat(bids.get(0).path("awardedW").asLong()).isEqualTo(4000);
    assertThat(bids.get(1).path("awardedW").asLong()).isEqualTo(2000);
    // Bonds at 0.1 FLEX per kWh offered: the cheap node keeps its 0.4 (4 kWh, all awarded); the
    // dear one offered 4 kWh, won 2, and keeps 0.2 (the other 0.2 came back at clearing).
    assertThat(s.path("bondPerKWh").asText()).isEqualTo("0.1");
    assertThat(s.path("deliveryGraceSeconds").asLong()).isEqualTo(150);
    assertThat(bids.get(0).path("bond").asText()).isEqualTo("0.4");
    assertThat(bids.get(1).path("bond").asText()).isEqualTo("0.2");
    assertThat(bids.get(2).path("bond").asText()).isEqualTo("0");
    assertThat(bids.get(2).path("bid").asText()).isEqualTo("not revealed (deposit forfeited)");
    JsonNode awards = s.path("awards");
    assertThat(awards).hasSize(2);
    assertThat(awards.get(1).path("node").asText()).isEqualToIgnoringCase(dear.getAddress());
    assertThat(awards.get(1).path("settled").asBoolean()).isFalse();
    assertThat(awards.get(1).path("deliveredWh").isNull()).isTrue();
    String table = ok("request", "status", "1").out();
    assertThat(table)
        .contains("bids:")
        .contains("awards:")
        .contains("BID")
        .contains("BOND")
        .contains("revealed");

    Result open = w.cli.run("request", "release", "1");
    assertThat(open.code()).isEqualTo(1);
    assertThat(open.err()).contains("SettlementOpen").contains("settlement deadline");

    market.warpTo(r.start.add(r.duration).longValueExact() + 7 * 86_400);
    JsonNode released = ok("-a", "other", "request", "release", "1", "--json").json();
    assertThat(released.path("refund").asText()).isEqualTo("1.8");
    // surplus 0.6 at clearing + 10 forfeited by the silent node + 1.8 released
    assertThat(released.path("owed").asText()).isEqualTo("12.4");
    assertThat(ok("request", "status", "1", "--json").json().path("refund").asText())
        .isEqualTo("1.8");

    JsonNode withdrawn = ok("request", "withdraw", "--json").json();
    assertThat(withdrawn.path("withdrawn").asText()).isEqualTo("12.4");
    assertThat(flex()).isEqualTo("10010");
    Result again = w.cli.run("request", "withdraw");
    assertThat(again.code()).isEqualTo(7);
    assertThat(again.err()).contains("nothing to withdraw").doesNotContain("sent");
  }

  @Test
  void onlyTheRequesterCancelsAndOnlyBeforeTheBidDeadline() throws Exception {
    post();
    Credentials node = node();
    market.commit(node, BigInteger.ONE, 1_000, price("0.1"));
    Result stranger = w.cli.run("-a", "other", "request", "cancel", "1");
    assertThat(stranger.code()).as(stranger.toString()).isEqualTo(1);
    assertThat(stranger.err())
        .contains("would revert (nothing sent): NotRequester")
        .contains("only the account that posted the request");

    JsonNode cancelled = ok("request", "cancel", "1", "--json").json();
    assertThat(cancelled.path("requestStatus").asText()).isEqualTo("cancelled");
    assertThat(cancelled.path("owed").asText()).isEqualTo("2.4");
    JsonNode s = ok("request", "status", "1", "--json").json();
    assertThat(s.path("status").asText()).isEqualTo("cancelled");
    assertThat(s.path("bids").get(0).path("bid").asText()).isEqualTo("committed (cancelled)");
    ok("request", "withdraw");
    assertThat(flex()).isEqualTo("10000");

    post();
    market.warpTo(onChain(2).bidDeadline.longValueExact());
    Result late = w.cli.run("request", "cancel", "2");
    assertThat(late.code()).isEqualTo(1);
    assertThat(late.err()).contains("BiddingClosed").contains("only before its bid deadline");
    assertThat(ok("request", "list", "--json").json()).hasSize(2);
  }

  /**
   * A node wins 4 kW of the 6 kW request at 0.2 FLEX/kWh and never delivers: after the settlement
   * deadline anyone closes its award, its 0.4 FLEX bond (4 kWh × 0.1) is forfeited, half to the
   * requester and half to the treasury, and its obligation ends.
   */
  @Test
  void anAwardNobodySettledIsClosedAfterTheDeadlineAndItsBondForfeited() throws Exception {
    post();
    FlexibilityCoordinator.Request r = onChain(1);
    Credentials noShow = node();
    Credentials bystander = node();
    BigInteger id = BigInteger.ONE;
    var bid = market.commit(noShow, id, 4_000, price("0.2"));
    market.warpTo(r.bidDeadline.longValueExact());
    market.reveal(bid);
    market.warpTo(r.revealDeadline.longValueExact());
    ok("request", "clear", "1");
    String node = noShow.getAddress();
    BigInteger obligations = w.chain.nodes(w.chain.admin()).obligations(node).send();
    assertThat(obligations).isEqualTo(BigInteger.ONE);

    Result early = w.cli.run("-a", "other", "request", "close", "1", node);
    assertThat(early.code()).as(early.toString()).isEqualTo(1);
    assertThat(early.err())
        .contains("would revert (nothing sent): SettlementOpen")
        .contains("close an unsettled award after it");

    market.warpTo(r.start.add(r.duration).longValueExact() + 7 * 86_400);
    Result notAwarded = w.cli.run("-a", "other", "request", "close", "1", bystander.getAddress());
    assertThat(notAwarded.code()).as(notAwarded.toString()).isEqualTo(1);
    assertThat(notAwarded.err()).contains("NoAward").contains("`request status` lists the awards");

    JsonNode closed = ok("-a", "other", "request", "close", "1", node, "--json").json();
    assertThat(closed.path("node").asText()).isEqualToIgnoringCase(node);
    assertThat(closed.path("bondForfeited").asText()).isEqualTo("0.4");
    assertThat(closed.path("toRequester").asText()).isEqualTo("0.2");
    assertThat(closed.path("toTreasury").asText()).isEqualTo("0.2");
    // surplus 1.6 at clearing (2.4 escrow, 4 kWh × 0.2 kept) + the bond share 0.2
    assertThat(closed.path("owed").asText()).isEqualTo("1.8");
    assertThat(w.chain.nodes(w.chain.admin()).obligations(node).send()).isZero();
    JsonNode award = ok("request", "status", "1", "--json").json().path("awards").get(0);
    assertThat(award.path("settled").asBoolean()).isTrue();

    Result again = w.cli.run("request", "close", "1", node);
    assertThat(again.code()).as(again.toString()).isEqualTo(1);
    assertThat(again.err()).contains("AwardAlreadySettled").contains("closed already");
    Result malformed = w.cli.run("request", "close", "1", "0x1234");
    assertThat(malformed.code()).isEqualTo(2);
    assertThat(malformed.err()).contains("malformed node address");
    Result unknown = w.cli.run("request", "close", "9", node);
    assertThat(unknown.code()).isEqualTo(7);
    assertThat(unknown.err()).contains("unknown request 9");
  }

  @Test
  void aRequestWithoutRevealsExpiresOnClear() throws Exception {
    post();
    FlexibilityCoordinator.Request r = onChain(1);
    market.warpTo(r.revealDeadline.longValueExact());
    JsonNode cleared = ok("request", "clear", "1", "--json").json();
    assertThat(cleared.path("requestStatus").asText()).isEqualTo("expired");
    assertThat(ok("request", "status", "1", "--json").json().path("refund").asText())
        .isEqualTo("2.4");
  }

  @Test
  void badInputIsRefusedBeforeAnythingIsSent() throws Exception {
    assertUsage("malformed zone", "0x12", "6kW", "+20m", "1h");
    assertUsage("power must be positive", "zone-a", "-5kW", "+20m", "1h");
    assertUsage("with its unit", "zone-a", "6000", "+20m", "1h");
    assertUsage("in the past", "zone-a", "6kW", "2020-01-01T00:00:00Z", "1h");
    assertUsage("before bidding and revealing end", "zone-a", "6kW", "+1m", "1h");
    assertUsage("at most 1 day", "zone-a", "6kW", "+20m", "2d");
    assertUsage("malformed duration", "zone-a", "6kW", "+20m", "an hour");
    Result direction =
        w.cli.run(
            "request",
            "post",
            "zone-a",
            "--direction",
            "sideways",
            "--power",
            "1kW",
            "--start",
            "+20m",
            "--duration",
            "1h",
            "--max-price",
            "0.4");
    assertThat(direction.code()).isEqualTo(2);
    Result poor =
        w.cli.run(
            "request",
            "post",
            "zone-a",
            "--direction",
            "up",
            "--power",
            "1MW",
            "--start",
            "+20m",
            "--duration",
            "1d",
            "--max-price",
            "1");
    assertThat(poor.code()).as(poor.toString()).isEqualTo(6);
    assertThat(poor.err()).contains("insufficient FLEX").contains("the escrow is 24000");
    assertThat(w.chain.coordinator(w.chain.admin()).requestCount().send()).isZero();

    Result unknown = w.cli.run("request", "status", "99");
    assertThat(unknown.code()).isEqualTo(7);
    assertThat(unknown.err()).contains("unknown request 99");
    assertThat(w.cli.run("request", "cancel", "99").code()).isEqualTo(7);
    assertThat(w.cli.run("request", "status", "abc").code()).isEqualTo(2);
    assertThat(w.cli.run("request", "status", "0").code()).isEqualTo(2);
    assertThat(ok("request", "list").out()).contains("(none)");
  }

  private void assertUsage(String message, String zone, String power, String start, String dur) {
    Result r =
        w.cli.run(
            "request",
            "post",
            zone,
            "--direction",
            "up",
            "--power",
            power,
            "--start",
            start,
            "--duration",
            dur,
            "--max-price",
            "0.4");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains(message).doesNotContain("sent");
  }
}
