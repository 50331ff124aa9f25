package org.openvpp.contracts.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.deploy.MarketParameters;
import org.openvpp.contracts.deploy.SettlementParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Market;
import org.openvpp.contracts.testing.Market.SealedBid;
import org.openvpp.contracts.testing.Market.Timing;
import org.web3j.crypto.Credentials;

/**
 * Governance powers: the deployer's key holds none after deployment, and a change scheduled through
 * the timelock applies only after its delay, in public, so nobody's pending transaction is hit by
 * surprise.
 */
@ExtendWith(AnvilExtension.class)
class GovernanceIT {
  private static final BigInteger FLEX = ChainFixture.FLEX;
  private static final long DELAY = DeploymentParameters.PRODUCTION_TIMELOCK_DELAY_SECONDS;

  private ChainFixture chain;
  private Market market;

  @BeforeEach
  void deploy(Anvil anvil) {
    chain = new ChainFixture(anvil, DeploymentParameters.defaults().withTimelockDelay(DELAY));
    market = new Market(chain);
  }

  @Test
  void theAdminCannotRaiseTheMinimumStakeUnderAVictimsRevealAndAScheduledRaiseWaitsForTheDelay()
      throws Exception {
    Credentials victim = chain.account(3);
    market.registerNode(victim, Market.ZONE, 1_000);
    Timing t = market.timing(3_600);
    BigInteger requestId = market.post(chain.account(4), Market.ZONE, Direction.UP, 1_000, FLEX, t);
    SealedBid bid = market.commit(victim, requestId, 1_000, FLEX.divide(BigInteger.TEN));
    market.warpTo(t.bidDeadline());
    BigInteger raised = FLEX.multiply(BigInteger.valueOf(2_000));

    // The front-run of the finding: the admin key holds no governance role any more.
    chain.assertReverts(
        () -> chain.nodes(chain.admin()).setMinimumStake(raised).send(),
        "AccessControlUnauthorizedAccount");
    // The same change through the timelock is public at once and cannot be executed early.
    Governance governance = chain.governance();
    NodeRegistry nodes = chain.nodes(chain.admin());
    Governance.Operation raise =
        governance.schedule(nodes.getContractAddress(), nodes.setMinimumStake(raised));
    assertThat(raise.readyAt()).isGreaterThanOrEqualTo(market.now() + DELAY - 1);
    chain.assertReverts(() -> governance.execute(raise), "TimelockUnexpectedOperationState");

    market.reveal(bid);
    assertThat(chain.coordinator(victim).getBid(requestId, victim.getAddress()).send().revealed)
        .isTrue();

    market.warpTo(raise.readyAt());
    var receipt = governance.execute(raise);
    assertThat(NodeRegistry.getMinimumStakeChangedEvents(receipt).get(0).minimumStake)
        .isEqualTo(raised);
    assertThat(nodes.minimumStake().send()).isEqualTo(raised);
    // Executed once: the operation is done, not ready again.
    chain.assertReverts(() -> governance.execute(raise), "TimelockUnexpectedOperationState");
  }

  @Test
  void governanceRunRefusesToSkipTheDelay() throws Exception {
    NodeRegistry nodes = chain.nodes(chain.admin());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                chain
                    .governance()
                    .run(nodes.getContractAddress(), nodes.setMinimumStake(BigInteger.ONE)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schedule, wait, then execute");
    assertThat(chain.governance().minDelay()).isEqualTo(DELAY);
  }

  @Test
  void theDeployerKeyCallsNoSetterAndGrantsNoRole() throws Exception {
    Credentials admin = chain.admin();
    String self = admin.getAddress();
    var devices = chain.devices(admin);
    var nodes = chain.nodes(admin);
    var coordinator = chain.coordinator(admin);
    var settlement = chain.settlement(admin);
    var token = chain.token(admin);
    byte[] adminRole = new byte[32];
    Map<String, ThrowingCallable> calls =
        Map.ofEntries(
            Map.entry("admitOem", () -> devices.admitOem(self, "self").send()),
            Map.entry("suspendOem", () -> devices.suspendOem(self).send()),
            Map.entry("setMinimumStake", () -> nodes.setMinimumStake(BigInteger.ONE).send()),
            Map.entry("setUnbondingDelay", () -> nodes.setUnbondingDelay(BigInteger.ONE).send()),
            Map.entry(
                "setParameters",
                () -> coordinator.setParameters(MarketParameters.defaults().toContract()).send()),
            Map.entry("setTreasury", () -> coordinator.setTreasury(self).send()),
            Map.entry(
                "setParams",
                () -> settlement.setParams(SettlementParameters.defaults().toContract()).send()),
            Map.entry("setSettlement", () -> coordinator.setSettlement(self).send()),
            Map.entry("revokeOem", () -> devices.revokeOem(self).send()),
            Map.entry("wire", () -> nodes.wire(self, self).send()),
            Map.entry("setFraudProofs", () -> settlement.setFraudProofs(self).send()),
            Map.entry(
                "grant GOVERNANCE_ROLE",
                () -> nodes.grantRole(nodes.GOVERNANCE_ROLE().send(), self).send()),
            Map.entry("grant admin", () -> settlement.grantRole(adminRole, self).send()),
            Map.entry(
                "grant MINTER_ROLE",
                () ->
                    token
                        .grantRole(token.MINTER_ROLE().send(), chain.account(5).getAddress())
                        .send()));
    for (var call : calls.entrySet()) {
      chain.assertReverts(call.getValue()::call, "AccessControlUnauthorizedAccount");
    }
    String timelock = chain.deployment().timelock();
    assertThat(
            List.of(
                devices.hasRole(adminRole, self).send(),
                devices.hasRole(devices.GOVERNANCE_ROLE().send(), self).send(),
                nodes.hasRole(adminRole, self).send(),
                nodes.hasRole(nodes.GOVERNANCE_ROLE().send(), self).send(),
                coordinator.hasRole(adminRole, self).send(),
                coordinator.hasRole(coordinator.GOVERNANCE_ROLE().send(), self).send(),
                settlement.hasRole(adminRole, self).send(),
                settlement.hasRole(settlement.GOVERNANCE_ROLE().send(), self).send(),
                token.hasRole(adminRole, self).send()))
        .containsOnly(false);
    assertThat(
            List.of(
                devices.hasRole(devices.GOVERNANCE_ROLE().send(), timelock).send(),
                nodes.hasRole(nodes.GOVERNANCE_ROLE().send(), timelock).send(),
                coordinator.hasRole(coordinator.GOVERNANCE_ROLE().send(), timelock).send(),
                settlement.hasRole(settlement.GOVERNANCE_ROLE().send(), timelock).send(),
                settlement.hasRole(adminRole, timelock).send(),
                token.hasRole(adminRole, timelock).send()))
        .containsOnly(true);
  }
}
