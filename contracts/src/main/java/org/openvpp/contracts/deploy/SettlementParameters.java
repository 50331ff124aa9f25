package org.openvpp.contracts.deploy;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openvpp.contracts.generated.Settlement;

/**
 * Settlement parameters (the contract's {@code Params}).
 *
 * @param committeeSize attestation seats drawn per evidence root (1..16)
 * @param quorum signatures needed, always (a draw seating fewer members stores nothing)
 * @param attestorFeeBps share of each payment paid to the signing attestors, in basis points
 * @param challengeWindowSeconds time after the quorum's attestations during which a root cannot
 *     finalize
 * @param evidencePeriodSeconds time after a window's end within which evidence must be posted
 * @param readingSlackMs how far a leaf's first/last reading may lie from the window's edges
 * @param epochLengthSeconds length of an energy-contribution epoch
 * @param fraudSlash FLEX wei slashed from a node per proven fraud
 * @param contributionPricePerKWh FLEX wei paid per exported kWh in contribution epochs
 * @param attestationTimeoutSeconds time a committee gets to reach its quorum before anyone may
 *     redraw it (at most {@link #MAX_REDRAWS} times), after which the submission expires
 * @param attestorSlash FLEX wei slashed from each recorded attestor of a root proven fraudulent
 * @param challengerShareBps share of a fraud slash paid to the challenger, below 10,000 basis
 *     points so that challenging one's own fraud never pays (the rest goes to the requester or back
 *     to the contribution pool)
 */
public record SettlementParameters(
    int committeeSize,
    int quorum,
    int attestorFeeBps,
    long challengeWindowSeconds,
    long evidencePeriodSeconds,
    long readingSlackMs,
    long epochLengthSeconds,
    BigInteger fraudSlash,
    BigInteger contributionPricePerKWh,
    long attestationTimeoutSeconds,
    BigInteger attestorSlash,
    int challengerShareBps) {
  /** Settlement.MAX_REDRAWS: fresh committees a submission may get before it expires. */
  public static final int MAX_REDRAWS = 2;

  /** Settlement's bound on every period parameter. */
  public static final long MAX_PERIOD_SECONDS = 365L * 86_400;

  public SettlementParameters {
    if (committeeSize < 1 || committeeSize > 16 || quorum < 1 || quorum > committeeSize) {
      throw new IllegalArgumentException("need 1 <= quorum <= committeeSize <= 16");
    }
    if (attestorFeeBps < 0 || attestorFeeBps > 10_000) {
      throw new IllegalArgumentException("attestorFeeBps must be 0..10000");
    }
    if (challengeWindowSeconds < 0
        || evidencePeriodSeconds <= 0
        || readingSlackMs < 0
        || epochLengthSeconds <= 0
        || attestationTimeoutSeconds <= 0) {
      throw new IllegalArgumentException("settlement periods must be positive");
    }
    if (challengerShareBps < 0 || challengerShareBps >= 10_000) {
      throw new IllegalArgumentException("challengerShareBps must be 0..9999");
    }
    if (challengeWindowSeconds > MAX_PERIOD_SECONDS
        || evidencePeriodSeconds > MAX_PERIOD_SECONDS
        || epochLengthSeconds > MAX_PERIOD_SECONDS
        || attestationTimeoutSeconds > MAX_PERIOD_SECONDS
        || readingSlackMs > MAX_PERIOD_SECONDS * 1000) {
      throw new IllegalArgumentException("settlement periods must be at most 365 days");
    }
    if (fraudSlash.signum() < 0
        || contributionPricePerKWh.signum() < 0
        || attestorSlash.signum() < 0) {
      throw new IllegalArgumentException("amounts must not be negative");
    }
  }

  /**
   * The longest an honest award's settlement can take after its window ends: evidence, every
   * committee round timing out, then the challenge window. Settlement requires it below the
   * coordinator's settlement period.
   */
  public long longestSettlementSeconds() {
    return evidencePeriodSeconds
        + attestationTimeoutSeconds * (MAX_REDRAWS + 1)
        + challengeWindowSeconds;
  }

  /**
   * Five seats, quorum three, 2 % attestor fee, one-hour challenge window, one day to post
   * evidence, five minutes of reading slack, daily epochs, 500 FLEX per fraud, 0.05 FLEX per kWh,
   * one hour for a committee to reach its quorum, 100 FLEX per attestor of a fraudulent root, half
   * of a slash to the challenger.
   */
  public static SettlementParameters defaults() {
    BigInteger flex = DeploymentParameters.FLEX;
    return new SettlementParameters(
        5,
        3,
        200,
        3_600,
        86_400,
        300_000,
        86_400,
        flex.multiply(BigInteger.valueOf(500)),
        flex.divide(BigInteger.valueOf(20)),
        3_600,
        flex.multiply(BigInteger.valueOf(100)),
        5_000);
  }

  public SettlementParameters withChallengeWindow(long seconds) {
    return new SettlementParameters(
        committeeSize,
        quorum,
        attestorFeeBps,
        seconds,
        evidencePeriodSeconds,
        readingSlackMs,
        epochLengthSeconds,
        fraudSlash,
        contributionPricePerKWh,
        attestationTimeoutSeconds,
        attestorSlash,
        challengerShareBps);
  }

  public SettlementParameters withCommittee(int size, int quorum) {
    return new SettlementParameters(
        size,
        quorum,
        attestorFeeBps,
        challengeWindowSeconds,
        evidencePeriodSeconds,
        readingSlackMs,
        epochLengthSeconds,
        fraudSlash,
        contributionPricePerKWh,
        attestationTimeoutSeconds,
        attestorSlash,
        challengerShareBps);
  }

  public SettlementParameters withAttestationTimeout(long seconds) {
    return new SettlementParameters(
        committeeSize,
        quorum,
        attestorFeeBps,
        challengeWindowSeconds,
        evidencePeriodSeconds,
        readingSlackMs,
        epochLengthSeconds,
        fraudSlash,
        contributionPricePerKWh,
        seconds,
        attestorSlash,
        challengerShareBps);
  }

  public SettlementParameters withAttestorSlash(BigInteger slash) {
    return new SettlementParameters(
        committeeSize,
        quorum,
        attestorFeeBps,
        challengeWindowSeconds,
        evidencePeriodSeconds,
        readingSlackMs,
        epochLengthSeconds,
        fraudSlash,
        contributionPricePerKWh,
        attestationTimeoutSeconds,
        slash,
        challengerShareBps);
  }

  /** The contract's constructor/setParams argument. */
  public Settlement.Params toContract() {
    return new Settlement.Params(
        BigInteger.valueOf(committeeSize),
        BigInteger.valueOf(quorum),
        BigInteger.valueOf(attestorFeeBps),
        BigInteger.valueOf(challengeWindowSeconds),
        BigInteger.valueOf(evidencePeriodSeconds),
        BigInteger.valueOf(readingSlackMs),
        BigInteger.valueOf(epochLengthSeconds),
        fraudSlash,
        contributionPricePerKWh,
        BigInteger.valueOf(attestationTimeoutSeconds),
        attestorSlash,
        BigInteger.valueOf(challengerShareBps));
  }

  Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("committeeSize", String.valueOf(committeeSize));
    map.put("quorum", String.valueOf(quorum));
    map.put("attestorFeeBps", String.valueOf(attestorFeeBps));
    map.put("challengeWindowSeconds", String.valueOf(challengeWindowSeconds));
    map.put("evidencePeriodSeconds", String.valueOf(evidencePeriodSeconds));
    map.put("readingSlackMs", String.valueOf(readingSlackMs));
    map.put("epochLengthSeconds", String.valueOf(epochLengthSeconds));
    map.put("fraudSlash", fraudSlash.toString());
    map.put("contributionPricePerKWh", contributionPricePerKWh.toString());
    map.put("attestationTimeoutSeconds", String.valueOf(attestationTimeoutSeconds));
    map.put("attestorSlash", attestorSlash.toString());
    map.put("challengerShareBps", String.valueOf(challengerShareBps));
    return map;
  }
}
