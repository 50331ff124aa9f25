package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.deploy.SettlementParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;

/**
 * Governance's parameter changes are bounded (issue 10, item 9): no period long enough to overflow
 * a deadline, and the longest honest settlement (evidence, every committee round timing out, the
 * challenge window) must fit in the coordinator's settlement period. Each change is a new version;
 * pending submissions keep theirs (SettlementFinalizeIT).
 */
@ExtendWith(AnvilExtension.class)
class SettlementParamsIT {
  private static final long YEAR = 365L * 86_400;

  private ChainFixture chain;
  private Settlement settlement;
  private long settlementPeriod;

  @BeforeEach
  void deploy(Anvil anvil) throws Exception {
    chain = new ChainFixture(anvil);
    settlement = chain.settlement(chain.admin());
    settlementPeriod =
        chain.coordinator(chain.admin()).parameters().send().settlementPeriod.longValueExact();
  }

  /** Defaults with the three periods the bound adds up. */
  private static Settlement.Params with(long evidence, long timeout, long challenge) {
    SettlementParameters d = SettlementParameters.defaults();
    return new Settlement.Params(
        BigInteger.valueOf(d.committeeSize()),
        BigInteger.valueOf(d.quorum()),
        BigInteger.valueOf(d.attestorFeeBps()),
        BigInteger.valueOf(challenge),
        BigInteger.valueOf(evidence),
        BigInteger.valueOf(d.readingSlackMs()),
        BigInteger.valueOf(d.epochLengthSeconds()),
        d.fraudSlash(),
        d.contributionPricePerKWh(),
        BigInteger.valueOf(timeout),
        d.attestorSlash(),
        BigInteger.valueOf(d.challengerShareBps()));
  }

  // Settlement.ParamsField codes as InvalidParams carries them (enum ordinals, decoded as text).
  private static final String PERIOD_TOO_LONG = "6";
  private static final String PERIODS_EXCEED_SETTLEMENT_PERIOD = "7";

  @Test
  void aChangeIsANewVersion() throws Exception {
    var receipt = chain.govern(settlement, s -> s.setParams(with(3_600, 600, 600)));
    var changed = Settlement.getParamsChangedEvents(receipt).get(0);
    assertThat(changed.version).isEqualTo(BigInteger.ONE); // the constructor's is version 0
    assertThat(settlement.params().send().attestationTimeout).isEqualTo(BigInteger.valueOf(600));
  }

  @Test
  void theLongestHonestSettlementMustFitTheSettlementPeriod() throws Exception {
    // evidence + 3 × timeout + challenge = settlementPeriod exactly: refused; one second less: ok.
    long evidence = settlementPeriod - 3 * 3_600 - 3_600;
    var error =
        chain.assertReverts(
            () -> chain.govern(settlement, s -> s.setParams(with(evidence, 3_600, 3_600))),
            "InvalidParams");
    assertThat(error.arguments().get(0)).isEqualTo(PERIODS_EXCEED_SETTLEMENT_PERIOD);
    chain.govern(settlement, s -> s.setParams(with(evidence - 1, 3_600, 3_600)));
  }

  @Test
  void periodsThatCouldOverflowADeadlineAreRefused() throws Exception {
    for (Settlement.Params p :
        java.util.List.of(
            with(YEAR + 1, 600, 600), with(600, YEAR + 1, 600), with(600, 600, YEAR + 1))) {
      var error =
          chain.assertReverts(() -> chain.govern(settlement, s -> s.setParams(p)), "InvalidParams");
      assertThat(error.arguments().get(0)).isEqualTo(PERIOD_TOO_LONG);
    }
    chain.assertReverts(
        () -> chain.govern(settlement, s -> s.setParams(with(600, 0, 600))), "InvalidParams");
  }

  @Test
  void deploymentParametersCheckTheSameBound() {
    SettlementParameters tooSlow =
        SettlementParameters.defaults().withAttestationTimeout(3 * 86_400);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DeploymentParameters.defaults().withSettlement(tooSlow))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("settlement period");
  }
}
