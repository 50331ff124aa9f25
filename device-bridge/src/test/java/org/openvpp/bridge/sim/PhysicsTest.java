package org.openvpp.bridge.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PhysicsTest {
  static final long HOUR = 3_600_000;
  static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00Z

  static void run(DevicePhysics d, long from, long hours, OptionalLong setpoint) {
    for (long t = 0; t < hours * 60; t++) {
      d.step(from + t * 60_000, 60_000, setpoint);
    }
  }

  @Test
  void homeBatteryLosesTheRoundTripEfficiencyAndStopsAtTheOwnersMinimum() {
    HomeBattery b = new HomeBattery(10_000, 5_000, 5_000, 0.81, 200, 200);
    run(b, T0, 2, OptionalLong.of(-5_000)); // 10 kWh offered, 9 kWh fit after 90 % charging
    assertThat(b.socPermille()).isEqualTo(1000);
    assertThat(b.minPowerW(T0)).isZero();
    run(b, T0, 3, OptionalLong.of(5_000));
    assertThat(b.socPermille()).isEqualTo(200);
    assertThat(b.maxPowerW(T0)).isZero();
    assertThat(b.powerW()).isZero();
    // From 20 % to 100 % stores 8 kWh; discharging it back delivers 8 × 0.9 = 7.2 kWh.
  }

  @Test
  void homeBatteryDeliversRoundTripEfficiencyOfTheEnergyItTook() {
    HomeBattery b = new HomeBattery(10_000, 5_000, 5_000, 0.81, 0, 0);
    run(b, T0, 1, OptionalLong.of(-4_000)); // takes 4 kWh
    double delivered = 0;
    for (int i = 0; i < 120; i++) {
      b.step(T0, 60_000, OptionalLong.of(4_000));
      delivered += b.powerW() / 60.0;
    }
    assertThat(delivered).isCloseTo(4_000 * 0.81, within(20.0));
  }

  @Test
  void evChargerMeetsTheNeedByDepartureAndCurtailsOnlyWhileThereIsSlack() {
    EvCharger ev = new EvCharger(11_000, false, T0, T0 + 8 * HOUR, 20_000);
    assertThat(ev.baselineW(T0)).isEqualTo(-11_000);
    assertThat(ev.maxPowerW(T0)).isZero(); // may pause: 8 h × 11 kW ≫ 20 kWh
    run(ev, T0, 6, OptionalLong.of(0)); // dispatched to pause for six hours
    // The car needs 20 kWh in 2 h at most 10.1 kWh/h: the charger refuses to keep pausing.
    assertThat(ev.clamp(T0 + 6 * HOUR, 0)).isEqualTo(-11_000);
    for (long t = 6 * 60; t < 8 * 60; t++) {
      ev.step(T0 + t * 60_000, 60_000, OptionalLong.of(0));
    }
    assertThat(ev.deliveredWh()).isGreaterThanOrEqualTo(17_000);
    assertThat(ev.maxPowerW(T0 + 9 * HOUR)).isZero();
    assertThat(ev.minPowerW(T0 + 9 * HOUR)).isZero();
  }

  @Test
  void v2gChargerExportsOnlyEnergyAboveTheNeed() {
    EvCharger ev = new EvCharger(7_000, true, T0, T0 + 12 * HOUR, 7_000);
    assertThat(ev.maxPowerW(T0)).isZero();
    run(ev, T0, 2, OptionalLong.empty());
    assertThat(ev.remainingWh()).isZero();
    assertThat(ev.maxPowerW(T0 + 2 * HOUR)).isZero(); // no surplus above the need
    run(ev, T0 + 2 * HOUR, 1, OptionalLong.of(-7_000)); // dispatched to charge 6.4 kWh more
    assertThat(ev.maxPowerW(T0 + 3 * HOUR)).isEqualTo(7_000);
    run(ev, T0 + 3 * HOUR, 2, OptionalLong.of(7_000)); // and to give it back
    assertThat(ev.deliveredWh()).isGreaterThan(7_000 - 1_200);
  }

  @Test
  void pvInverterFollowsTheSunAndCanOnlyBeCurtailed() {
    PvInverter pv = new PvInverter(6_000, 6, 18);
    assertThat(pv.availableW(T0 + 12 * HOUR)).isEqualTo(6_000);
    assertThat(pv.availableW(T0 + 3 * HOUR)).isZero();
    assertThat(pv.availableW(T0 + 9 * HOUR)).isBetween(4_000L, 4_300L);
    pv.step(T0 + 12 * HOUR, 60_000, OptionalLong.of(2_000));
    assertThat(pv.powerW()).isEqualTo(2_000);
    pv.step(T0 + 12 * HOUR, 60_000, OptionalLong.of(-3_000));
    assertThat(pv.powerW()).isZero();
  }

  @Test
  void heatPumpKeepsTheHouseInTheComfortBandAndShiftsLoadOnlyInsideIt() {
    HeatPump hp = new HeatPump(3_000, 3.5, 5_000, 250, 0, 19, 23, 21);
    run(hp, T0, 24, OptionalLong.empty());
    assertThat(hp.indoorC()).isBetween(19.0, 23.0);
    run(hp, T0, 24, OptionalLong.of(0)); // dispatched off for a day
    assertThat(hp.indoorC()).isGreaterThan(18.7);
    run(hp, T0, 24, OptionalLong.of(-3_000)); // dispatched on for a day
    assertThat(hp.indoorC()).isLessThan(23.3);
  }

  @Test
  void telecomBatteryNeverSpendsItsBackupReserve() {
    TelecomSiteBattery site = new TelecomSiteBattery(48_000, 10_000, 2_000, 4, 1000);
    assertThat(site.reserveWh()).isEqualTo(8_000);
    run(site, T0, 10, OptionalLong.of(10_000));
    assertThat(site.energyWh()).isGreaterThanOrEqualTo(8_000);
    assertThat(site.maxPowerW(T0)).isZero();
    run(site, T0, 1, OptionalLong.empty());
    assertThat(site.powerW()).isNegative(); // recharges towards full when left alone
  }
}
