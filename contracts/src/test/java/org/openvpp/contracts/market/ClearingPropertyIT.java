package org.openvpp.contracts.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Market;
import org.openvpp.contracts.testing.Market.SealedBid;
import org.openvpp.contracts.testing.Market.Timing;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Clearing on the chain, for generated auctions: the awards never exceed the request, the price
 * never exceeds the cap, no rejected offer is cheaper than an accepted one, and the awards are
 * exactly those of the Java reference {@link MeritOrder#clear}. Prices are drawn mostly from a
 * small shared pool, so equal prices (and ties at the margin, settled by commit order) are common.
 * Clearing takes the merit order from its caller: the reference's order is accepted and the same
 * order with two neighbours swapped is refused.
 *
 * <p>jqwik does not run JUnit 5 extensions, so the class starts one Anvil on first use, registers
 * its nodes once and stops the chain after the last try; every try posts a fresh request.
 */
class ClearingPropertyIT {
  private static final int NODES = 8;
  private static final long DURATION = 900;

  private static World world;

  /** The chain shared by all tries. */
  private record World(
      Anvil anvil,
      ChainFixture chain,
      Market market,
      Credentials requester,
      List<Credentials> nodes) {}

  private static synchronized World world() throws Exception {
    if (world == null) {
      Anvil anvil = Anvil.start();
      try {
        ChainFixture chain = new ChainFixture(anvil);
        Market market = new Market(chain);
        List<Credentials> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
          Credentials node = chain.account(2 + i);
          market.registerNode(node, Market.ZONE, 1_000);
          chain.mint(node.getAddress(), 100_000); // deposits for every try and every shrink
          nodes.add(node);
        }
        world = new World(anvil, chain, market, chain.account(1), nodes);
      } catch (Exception | Error e) {
        anvil.close();
        throw e;
      }
    }
    return world;
  }

  @AfterContainer
  static void stopChain() {
    if (world != null) {
      world.anvil().close();
      world = null;
    }
  }

  /** What one node offers. */
  record OfferSpec(long powerW, long price) {}

  /**
   * A generated auction: the i-th offer is committed i-th (by node i), and revealed in {@code
   * revealOrder}.
   */
  record Auction(long requestedW, long cap, List<OfferSpec> offers, List<Integer> revealOrder) {}

  @Property(tries = 30, edgeCases = EdgeCasesMode.NONE)
  void onChainClearingIsTheMeritOrder(@ForAll("auctions") Auction auction) throws Exception {
    World w = world();
    Timing t = w.market().timing(DURATION);
    BigInteger id =
        w.market()
            .post(
                w.requester(),
                Market.ZONE,
                Direction.UP,
                auction.requestedW(),
                BigInteger.valueOf(auction.cap()),
                t);
    List<SealedBid> sealed = new ArrayList<>();
    List<Offer> offers = new ArrayList<>();
    for (int i = 0; i < auction.offers().size(); i++) {
      OfferSpec spec = auction.offers().get(i);
      Credentials node = w.nodes().get(i);
      BigInteger price = BigInteger.valueOf(spec.price());
      sealed.add(w.market().commit(node, id, spec.powerW(), price));
      offers.add(new Offer(lower(node), spec.powerW(), price, i));
    }
    w.market().warpTo(t.bidDeadline());
    for (int i : auction.revealOrder()) {
      w.market().reveal(sealed.get(i));
    }
    w.market().warpTo(t.revealDeadline());
    FlexibilityCoordinator coordinator = w.chain().coordinator(w.requester());
    // The caller supplies the merit order: the Java reference's, equal to the one read back from
    // the chain; any other order (two neighbours swapped) is refused.
    List<String> order = MeritOrder.order(offers);
    assertThat(ClearingOrder.of(coordinator, id)).isEqualTo(order);
    if (order.size() > 1) {
      int i = auction.revealOrder().get(0) % (order.size() - 1);
      List<String> swapped = new ArrayList<>(order);
      swapped.set(i, order.get(i + 1));
      swapped.set(i + 1, order.get(i));
      var error =
          w.chain()
              .assertReverts(() -> coordinator.clear(id, swapped).send(), "OrderNotIncreasing");
      assertThat(error.arguments()).containsExactly(String.valueOf(i + 1));
    }
    TransactionReceipt receipt = coordinator.clear(id, order).send();

    FlexibilityCoordinator.Request request = coordinator.getRequest(id).send();
    Map<String, Long> awardedByEvents = new LinkedHashMap<>();
    for (var event : FlexibilityCoordinator.getAwardedEvents(receipt)) {
      awardedByEvents.put(event.node.toLowerCase(Locale.ROOT), event.powerW.longValueExact());
      assertThat(event.clearingPrice).isEqualTo(request.clearingPrice);
    }
    long awardedTotal = 0;
    BigInteger dearestAccepted = BigInteger.ZERO;
    BigInteger cheapestRejected = null;
    for (Offer offer : offers) {
      FlexibilityCoordinator.Bid bid = coordinator.getBid(id, offer.node()).send();
      long awardedW = bid.awardedW.longValueExact();
      assertThat(bid.commitIndex.intValue()).isEqualTo(offer.commitIndex());
      assertThat(awardedW).as("award within the offer").isLessThanOrEqualTo(offer.powerW());
      assertThat(awardedW)
          .as("storage and events agree")
          .isEqualTo(awardedByEvents.getOrDefault(offer.node(), 0L));
      awardedTotal += awardedW;
      if (awardedW > 0) {
        dearestAccepted = dearestAccepted.max(offer.pricePerKWh());
      } else {
        cheapestRejected =
            cheapestRejected == null
                ? offer.pricePerKWh()
                : cheapestRejected.min(offer.pricePerKWh());
      }
    }

    assertThat(awardedTotal).isEqualTo(request.awardedPowerW.longValueExact());
    assertThat(awardedTotal)
        .as("never more than requested")
        .isLessThanOrEqualTo(auction.requestedW());
    assertThat(request.clearingPrice)
        .as("never above the cap")
        .isLessThanOrEqualTo(BigInteger.valueOf(auction.cap()));
    if (cheapestRejected != null) {
      assertThat(dearestAccepted)
          .as("no rejected offer is cheaper")
          .isLessThanOrEqualTo(cheapestRejected);
    }

    MeritOrder.Result expected = MeritOrder.clear(auction.requestedW(), offers);
    assertThat(awardedByEvents)
        .as("awards in merit order")
        .containsExactlyEntriesOf(expected.awards());
    assertThat(request.clearingPrice).isEqualTo(expected.clearingPrice());
    assertThat(request.awardedPowerW.longValueExact()).isEqualTo(expected.awardedPowerW());

    Statistics.label("offers").collect(offers.size());
    Statistics.label("tie at the margin")
        .collect(cheapestRejected != null && cheapestRejected.equals(dearestAccepted));
    Statistics.label("request covered").collect(awardedTotal == auction.requestedW());
    Statistics.label("equal prices among offers")
        .collect(offers.stream().map(Offer::pricePerKWh).distinct().count() < offers.size());
  }

  @Provide
  Arbitrary<Auction> auctions() {
    Arbitrary<Long> requested = Arbitraries.longs().between(1, 20_000);
    Arbitrary<Long> caps = Arbitraries.longs().between(1, 1_000);
    return Combinators.combine(requested, caps)
        .flatAs(
            (requestedW, cap) -> {
              Arbitrary<Long> anyPrice = Arbitraries.longs().between(1, cap);
              Arbitrary<Long> powers =
                  Arbitraries.longs().between(1, Math.max(1, requestedW * 3 / 2));
              // Most prices come from a pool of one or two, so offers often tie.
              return anyPrice
                  .list()
                  .ofMinSize(1)
                  .ofMaxSize(2)
                  .flatMap(
                      pool -> {
                        Arbitrary<Long> price =
                            Arbitraries.frequencyOf(
                                Tuple.of(4, Arbitraries.of(pool)), Tuple.of(1, anyPrice));
                        return Combinators.combine(powers, price)
                            .as(OfferSpec::new)
                            .list()
                            .ofMinSize(1)
                            .ofMaxSize(NODES)
                            .withSizeDistribution(RandomDistribution.uniform())
                            .flatMap(
                                offers ->
                                    Arbitraries.shuffle(indices(offers.size()))
                                        .map(order -> new Auction(requestedW, cap, offers, order)));
                      });
            });
  }

  private static List<Integer> indices(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  private static String lower(Credentials account) {
    return account.getAddress().toLowerCase(Locale.ROOT);
  }
}
