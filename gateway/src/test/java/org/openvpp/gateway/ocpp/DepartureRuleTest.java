package org.openvpp.gateway.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DepartureRuleTest {
  static final long H = 3_600_000;
  static final long MAX = 11_000;

  @Test
  void passesTheRequestWhenTheNeedCanBeMetAfterTheWindow() {
    // 10 kWh needed, window 1 h, departure 5 h after the window: 4 h · 9.9 kW suffices.
    var l = DepartureRule.limit(0, MAX, 10_000, 0, H, 5 * H);
    assertThat(l).isEqualTo(new DepartureRule.Limit(0, false));
  }

  @Test
  void raisesAPauseThatWouldLeaveTheEvShort() {
    // 20 kWh needed, 1 h window, 1 h after it at 9.9 kW: the window must deliver 10.1 kWh.
    var l = DepartureRule.limit(0, MAX, 20_000, 0, H, 2 * H);
    assertThat(l.raisedForDeparture()).isTrue();
    assertThat(l.watts()).isEqualTo(10_100);
  }

  @Test
  void neverExceedsTheMaximumEvenWhenTheNeedCannotBeMet() {
    var l = DepartureRule.limit(0, MAX, 50_000, 0, H, H);
    assertThat(l.watts()).isEqualTo(MAX);
    assertThat(DepartureRule.limit(20_000, MAX, 0, 0, H, 2 * H).watts()).isEqualTo(MAX);
  }

  @Test
  void cutsAWindowThatOutlastsTheDepartureAtTheDeparture() {
    // Departure in 30 min, 2 kWh needed: the first 30 min must deliver all of it (4 kW).
    var l = DepartureRule.limit(1_000, MAX, 2_000, 0, 2 * H, H / 2);
    assertThat(l).isEqualTo(new DepartureRule.Limit(4_000, true));
  }

  @Test
  void imposesNothingAfterDepartureOrWithNothingNeeded() {
    assertThat(DepartureRule.limit(0, MAX, 5_000, 2 * H, 3 * H, H).watts()).isZero();
    assertThat(DepartureRule.limit(0, MAX, 0, 0, H, 2 * H).watts()).isZero();
  }

  /**
   * The promise itself: whatever the inputs, the limit plus the time after suffices, or it is max.
   */
  @Test
  void alwaysLeavesEnoughTimeToMeetTheNeedOrChargesAtMaximum() {
    Random r = new Random(16);
    for (int i = 0; i < 10_000; i++) {
      long max = 1_000 + r.nextInt(21_000);
      double need = r.nextInt(60_000);
      long from = r.nextInt(1_000_000);
      long until = from + 1 + r.nextInt((int) (4 * H));
      long departure = from + r.nextInt((int) (10 * H));
      long requested = r.nextInt(25_000) - 2_000;
      var l = DepartureRule.limit(requested, max, need, from, until, departure);
      long end = Math.min(until, departure);
      assertThat(l.watts()).isBetween(0L, max);
      if (end > from && l.watts() < max) {
        double inWindow = l.watts() * (double) (end - from) / H;
        double after = DepartureRule.AFTER_WINDOW_SHARE * max * (departure - end) / H;
        assertThat(inWindow + after).isGreaterThanOrEqualTo(need - 1e-6);
      }
      assertThat(l.watts()).isGreaterThanOrEqualTo(Math.max(0, Math.min(max, requested)));
    }
  }
}
