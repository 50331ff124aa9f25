package org.openvpp.wallet.requester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openvpp.wallet.cli.WalletException;

class RequestInputTest {
  private static final long NOW = 1_800_000_000L;

  @Test
  void powerNeedsAUnitAndIsWholeWatts() {
    assertThat(RequestInput.powerW("6000W")).isEqualTo(6000);
    assertThat(RequestInput.powerW("6kW")).isEqualTo(6000);
    assertThat(RequestInput.powerW("2.5 kw")).isEqualTo(2500);
    assertThat(RequestInput.powerW("1MW")).isEqualTo(1_000_000);
    assertThatThrownBy(() -> RequestInput.powerW("6000")).hasMessageContaining("with its unit");
    assertThatThrownBy(() -> RequestInput.powerW("-1kW")).hasMessageContaining("positive");
    assertThatThrownBy(() -> RequestInput.powerW("0W")).hasMessageContaining("positive");
    assertThatThrownBy(() -> RequestInput.powerW("1.0005kW")).hasMessageContaining("whole");
    assertThatThrownBy(() -> RequestInput.powerW("5000MW")).hasMessageContaining("more than");
  }

  @Test
  void durationsInUnitsOrIso() {
    assertThat(RequestInput.seconds("90s", "d")).isEqualTo(90);
    assertThat(RequestInput.seconds("15m", "d")).isEqualTo(900);
    assertThat(RequestInput.seconds("1h30m", "d")).isEqualTo(5400);
    assertThat(RequestInput.seconds("1d", "d")).isEqualTo(86_400);
    assertThat(RequestInput.seconds("PT1H", "d")).isEqualTo(3600);
    for (String bad : new String[] {"1", "h", "1h 30m", "1x", "", "PT-1H", "0m"}) {
      assertThatThrownBy(() -> RequestInput.seconds(bad, "duration"))
          .as(bad)
          .isInstanceOf(WalletException.class);
    }
  }

  @Test
  void startIsAnOffsetFromChainTimeOrAnIsoTimeInTheFuture() {
    assertThat(RequestInput.startTime("+10m", NOW)).isEqualTo(NOW + 600);
    String later = java.time.Instant.ofEpochSecond(NOW + 1800).toString();
    assertThat(RequestInput.startTime(later, NOW)).isEqualTo(NOW + 1800);
    String sameWithOffset =
        java.time.Instant.ofEpochSecond(NOW + 1800)
            .atOffset(java.time.ZoneOffset.ofHours(2))
            .toString();
    assertThat(RequestInput.startTime(sameWithOffset, NOW)).isEqualTo(NOW + 1800);
    String now = java.time.Instant.ofEpochSecond(NOW).toString();
    assertThatThrownBy(() -> RequestInput.startTime(now, NOW)).hasMessageContaining("in the past");
    assertThatThrownBy(() -> RequestInput.startTime("tomorrow", NOW))
        .hasMessageContaining("malformed start");
    assertThatThrownBy(() -> RequestInput.startTime("2027-01-15T08:00:00", NOW))
        .hasMessageContaining("malformed start");
  }
}
