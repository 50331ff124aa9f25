package org.openvpp.contracts.testing.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
  @Test
  void oddCountTakesTheMiddleRunAndKeepsTheOrderMeasured() {
    Summary s = Summary.of(List.of(5.0, 1.0, 9.0, 3.0, 7.0), 5);
    assertThat(s.median()).isEqualTo(5.0);
    assertThat(s.min()).isEqualTo(1.0);
    assertThat(s.max()).isEqualTo(9.0);
    assertThat(s.runs()).containsExactly(5.0, 1.0, 9.0, 3.0, 7.0);
  }

  @Test
  void evenCountAveragesTheTwoMiddleRuns() {
    assertThat(Summary.of(List.of(4.0, 1.0, 2.0, 10.0, 3.0, 8.0), 5).median()).isEqualTo(3.5);
  }

  @Test
  void tooFewOrNonFiniteRunsFail() {
    assertThatThrownBy(() -> Summary.of(List.of(1.0, 2.0, 3.0, 4.0), 5))
        .hasMessageContaining("at least 5 runs, got 4");
    assertThatThrownBy(() -> Summary.of(List.of(1.0, Double.NaN, 3.0), 1))
        .hasMessageContaining("NaN");
  }
}
