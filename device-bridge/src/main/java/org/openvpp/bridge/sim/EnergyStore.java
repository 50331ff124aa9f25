package org.openvpp.bridge.sim;

/**
 * The energy bookkeeping every simulated battery shares: stored energy between a floor and the
 * usable capacity, with the round-trip efficiency split evenly between charging and discharging (so
 * power at the terminals differs from the change in stored energy).
 */
final class EnergyStore {
  private final long capacityWh;
  private final double legEfficiency;
  private double energyWh;

  EnergyStore(long capacityWh, double roundTripEfficiency, int initialSocPermille) {
    this.capacityWh = capacityWh;
    this.legEfficiency = Math.sqrt(roundTripEfficiency);
    this.energyWh = capacityWh * initialSocPermille / 1000.0;
  }

  /**
   * Discharges ({@code targetW} &gt; 0) or charges (&lt; 0) for {@code hours}, never below {@code
   * floorWh} and never above capacity.
   *
   * @return the power achieved at the terminals, W, + = discharge
   */
  long move(long targetW, double hours, double floorWh) {
    if (hours <= 0 || targetW == 0) {
      return 0;
    }
    if (targetW > 0) {
      double spendableWh = Math.max(0, energyWh - floorWh) * legEfficiency;
      double deliverWh = Math.min(targetW * hours, spendableWh);
      energyWh -= deliverWh / legEfficiency;
      return Math.round(deliverWh / hours);
    }
    double roomWh = Math.max(0, capacityWh - energyWh) / legEfficiency;
    double takeWh = Math.min(-targetW * hours, roomWh);
    energyWh += takeWh * legEfficiency;
    return -Math.round(takeWh / hours);
  }

  double energyWh() {
    return energyWh;
  }

  long capacityWh() {
    return capacityWh;
  }

  int socPermille() {
    return (int) Math.round(1000 * energyWh / capacityWh);
  }
}
