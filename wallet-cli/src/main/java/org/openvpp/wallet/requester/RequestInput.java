package org.openvpp.wallet.requester;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvpp.wallet.cli.WalletException;

/**
 * Power, times and durations as a requester types them. Strict, like {@code Amounts}: a unit is
 * always required, because "6" could be W or kW and a request escrows real money.
 */
final class RequestInput {
  private static final Pattern POWER =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(W|kW|MW)", Pattern.CASE_INSENSITIVE);
  private static final Pattern DURATION_PART = Pattern.compile("([0-9]+)([smhd])");
  private static final long MAX_UINT32 = 0xFFFF_FFFFL;

  private RequestInput() {}

  /** {@code 6000W}, {@code 6kW}, {@code 2.5 kW}, {@code 1MW}, as whole watts. */
  static long powerW(String text) {
    String t = text.trim();
    if (t.startsWith("-")) {
      throw WalletException.usage("power must be positive, got '" + text + "'");
    }
    Matcher m = POWER.matcher(t);
    if (!m.matches()) {
      throw WalletException.usage(
          "malformed power '" + text + "': give a number with its unit, e.g. 6000W or 6kW");
    }
    int exponent =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "kw" -> 3;
          case "mw" -> 6;
          default -> 0;
        };
    BigDecimal watts = new BigDecimal(m.group(1)).scaleByPowerOfTen(exponent);
    if (watts.stripTrailingZeros().scale() > 0) {
      throw WalletException.usage("power '" + text + "' is not a whole number of watts");
    }
    if (watts.signum() <= 0) {
      throw WalletException.usage("power must be positive, got '" + text + "'");
    }
    if (watts.compareTo(BigDecimal.valueOf(MAX_UINT32)) > 0) {
      throw WalletException.usage("power '" + text + "' is more than the contract can hold");
    }
    return watts.longValueExact();
  }

  /** {@code 90s}, {@code 15m}, {@code 1h30m}, {@code 1d}, or ISO-8601 {@code PT1H}, in seconds. */
  static long seconds(String text, String what) {
    String t = text.trim();
    long seconds;
    if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        seconds = Duration.parse(t).getSeconds();
      } catch (DateTimeException e) {
        throw malformedDuration(text, what);
      }
    } else {
      Matcher m = DURATION_PART.matcher(t);
      seconds = 0;
      int end = 0;
      while (m.find() && m.start() == end) {
        long n = Long.parseLong(m.group(1));
        long unit =
            switch (m.group(2)) {
              case "m" -> 60;
              case "h" -> 3_600;
              case "d" -> 86_400;
              default -> 1;
            };
        seconds = Math.addExact(seconds, Math.multiplyExact(n, unit));
        end = m.end();
      }
      if (end == 0 || end != t.length()) {
        throw malformedDuration(text, what);
      }
    }
    if (seconds <= 0) {
      throw WalletException.usage(what + " must be longer than 0 s, got '" + text + "'");
    }
    return seconds;
  }

  private static WalletException malformedDuration(String text, String what) {
    return WalletException.usage(
        "malformed " + what + " '" + text + "': give e.g. 90s, 15m, 1h30m, 1d or PT1H");
  }

  /**
   * A start time: {@code +10m} (from the chain's clock, which the contract compares against) or an
   * ISO-8601 time with zone ({@code 2026-12-01T18:00:00Z}, {@code …+01:00}). Must lie in the
   * future.
   */
  static long startTime(String text, long chainNow) {
    String t = text.trim();
    long start;
    if (t.startsWith("+")) {
      start = chainNow + seconds(t.substring(1), "start offset");
    } else {
      try {
        start = OffsetDateTime.parse(t).toEpochSecond();
      } catch (DateTimeException e) {
        throw WalletException.usage(
            "malformed start '"
                + text
                + "': give +10m (from now) or an ISO-8601 time like 2026-12-01T18:00:00Z");
      }
    }
    if (start <= chainNow) {
      throw WalletException.usage(
          "start "
              + Instant.ofEpochSecond(start)
              + " is in the past (chain time is "
              + Instant.ofEpochSecond(chainNow)
              + "): give a later time or an offset like +30m");
    }
    return start;
  }
}
