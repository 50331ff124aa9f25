package org.openvpp.contracts.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Java reference of the coordinator's clearing rule, on hand-checked cases. */
class MeritOrderTest {

  @Test
  void takesTheCheapestFirstAndPaysEveryoneThePriceOfTheLastAcceptedOffer() {
    // Listed in neither price nor commit order, so the result can only come from sorting.
    List<Offer> offers =
        List.of(
            offer("a", 4_000, 30, 0),
            offer("d", 6_000, 40, 1),
            offer("b", 5_000, 10, 2),
            offer("c", 3_000, 20, 3));

    MeritOrder.Result result = MeritOrder.clear(10_000, offers);

    // b 5 kW + c 3 kW = 8 kW, then 2 of a's 4 kW; d is not needed.
    assertThat(result.awards())
        .containsExactly(Map.entry("b", 5_000L), Map.entry("c", 3_000L), Map.entry("a", 2_000L));
    assertThat(result.clearingPrice()).isEqualTo(BigInteger.valueOf(30));
    assertThat(result.awardedPowerW()).isEqualTo(10_000);
  }

  @Test
  void equalPricesGoInCommitOrderWhateverTheListOrder() {
    Offer early = offer("early", 6_000, 25, 0);
    Offer late = offer("late", 6_000, 25, 1);

    for (List<Offer> offers : List.of(List.of(early, late), List.of(late, early))) {
      MeritOrder.Result result = MeritOrder.clear(8_000, offers);
      assertThat(result.awards())
          .as("listed as %s", offers)
          .containsExactly(Map.entry("early", 6_000L), Map.entry("late", 2_000L));
    }
  }

  @Test
  void aCheaperOfferBeatsAnEarlierCommit() {
    MeritOrder.Result result =
        MeritOrder.clear(5_000, List.of(offer("early", 5_000, 20, 0), offer("late", 5_000, 19, 1)));

    assertThat(result.awards()).containsExactly(Map.entry("late", 5_000L));
    assertThat(result.clearingPrice()).isEqualTo(BigInteger.valueOf(19));
  }

  @Test
  void tooLittlePowerIsAllAwardedAtTheHighestAcceptedPrice() {
    MeritOrder.Result result =
        MeritOrder.clear(10_000, List.of(offer("a", 3_000, 10, 0), offer("b", 4_000, 25, 1)));

    assertThat(result.awards()).containsExactly(Map.entry("a", 3_000L), Map.entry("b", 4_000L));
    assertThat(result.awardedPowerW()).isEqualTo(7_000);
    assertThat(result.clearingPrice()).isEqualTo(BigInteger.valueOf(25));
  }

  @Test
  void anExactlyCoveredRequestLeavesTheRestOutAndTheirPriceDoesNotCount() {
    MeritOrder.Result result =
        MeritOrder.clear(
            7_000,
            List.of(offer("a", 3_000, 10, 0), offer("b", 4_000, 15, 1), offer("c", 1, 99, 2)));

    assertThat(result.awards()).containsOnlyKeys("a", "b");
    assertThat(result.clearingPrice()).isEqualTo(BigInteger.valueOf(15));
  }

  @Test
  void oneOfferLargerThanTheRequestIsCutToTheRequest() {
    MeritOrder.Result result = MeritOrder.clear(1_500, List.of(offer("a", 9_000, 7, 0)));

    assertThat(result.awards()).containsExactly(Map.entry("a", 1_500L));
    assertThat(result.awardedPowerW()).isEqualTo(1_500);
  }

  @Test
  void noOffersAwardNothingAtPriceZero() {
    MeritOrder.Result result = MeritOrder.clear(1_000, List.of());

    assertThat(result.awards()).isEmpty();
    assertThat(result.awardedPowerW()).isZero();
    assertThat(result.clearingPrice()).isZero();
  }

  @Test
  void pricesAreComparedAsNumbersNotAsText() {
    // As text "10" sorts before "9"; as prices 9 is cheaper and must win.
    MeritOrder.Result result =
        MeritOrder.clear(1_000, List.of(offer("ten", 1_000, 10, 0), offer("nine", 1_000, 9, 1)));

    assertThat(result.awards()).containsOnlyKeys("nine");
  }

  @Test
  void pricesBeyondLongAreOrderedCorrectly() {
    // Prices are uint128 on chain: compare them as BigInteger, not as truncated longs.
    BigInteger big = BigInteger.TWO.pow(100);
    MeritOrder.Result result =
        MeritOrder.clear(
            1_000,
            List.of(
                new Offer("big", 1_000, big.add(BigInteger.ONE), 0),
                new Offer("small", 1_000, big, 1)));

    assertThat(result.awards()).containsOnlyKeys("small");
    assertThat(result.clearingPrice()).isEqualTo(big);
  }

  @Test
  void theCallersListIsLeftAsItWas() {
    List<Offer> offers = new ArrayList<>(List.of(offer("a", 1, 30, 0), offer("b", 1, 10, 1)));
    List<Offer> copy = List.copyOf(offers);

    MeritOrder.clear(1, offers);

    assertThat(offers).isEqualTo(copy);
  }

  private static Offer offer(String node, long powerW, long price, int commitIndex) {
    return new Offer(node, powerW, BigInteger.valueOf(price), commitIndex);
  }
}
