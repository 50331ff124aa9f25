package org.openvpp.contracts.testing.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One figure over several runs: the median is what a benchmark reports, min and max show the spread
 * (on a shared machine the spread is the honest error bar), and every run is kept.
 *
 * @param median middle run (mean of the two middle runs for an even count)
 * @param min lowest run
 * @param max highest run
 * @param runs every run, in the order measured
 */
public record Summary(double median, double min, double max, List<Double> runs) {
  public Summary {
    runs = List.copyOf(runs);
  }

  /** Summarizes the runs; fails when there are fewer than {@code minRuns}. */
  public static Summary of(List<Double> runs, int minRuns) {
    if (runs.size() < Math.max(1, minRuns)) {
      throw new IllegalStateException(
          "a figure needs at least " + minRuns + " runs, got " + runs.size());
    }
    for (double r : runs) {
      if (!Double.isFinite(r)) {
        throw new IllegalStateException("a run measured " + r + ": " + runs);
      }
    }
    List<Double> sorted = new ArrayList<>(runs);
    sorted.sort(null);
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Summary(median, sorted.get(0), sorted.get(n - 1), runs);
  }

  /** The same figure with every value rounded to {@code decimals} places, for the results file. */
  public Summary rounded(int decimals) {
    return new Summary(
        round(median, decimals),
        round(min, decimals),
        round(max, decimals),
        runs.stream().map(r -> round(r, decimals)).toList());
  }

  private static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
