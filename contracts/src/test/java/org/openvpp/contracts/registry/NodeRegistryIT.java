package org.openvpp.contracts.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

/** NodeRegistry on a real Anvil: staking, unbonding, withdrawal, slashing and governance. */
@ExtendWith(AnvilExtension.class)
class NodeRegistryIT {
  private static final BigInteger FLEX = ChainFixture.FLEX;
  private static final BigInteger MIN = FLEX.multiply(BigInteger.valueOf(1_000));
  private static final byte[] ZONE = Hash.sha3("zone-1".getBytes(StandardCharsets.UTF_8));
  private static final byte[] PEER_ID = new byte[38];

  private ChainFixture chain;
  private Credentials node;
  private Credentials coordinator;
  private Credentials settlement;

  /**
   * A registry of its own, wired to accounts 7 and 8 standing in for coordinator and Settlement.
   */
  @BeforeEach
  void deploy(Anvil anvil) throws Exception {
    coordinator = anvil.credentials(7);
    settlement = anvil.credentials(8);
    chain =
        new ChainFixture(anvil)
            .withNodeRegistryWiredTo(coordinator.getAddress(), settlement.getAddress());
    node = chain.account(4);
    chain.mint(node.getAddress(), 5_000);
    chain
        .token(node)
        .approve(chain.deployment().nodeRegistry(), FLEX.multiply(BigInteger.valueOf(5_000)))
        .send();
    PEER_ID[0] = 0x00;
    PEER_ID[1] = 0x24;
  }

  @Test
  void registersWithStakePeerIdAndZone() throws Exception {
    var receipt = nodes(node).register(PEER_ID, ZONE, MIN).send();
    assertThat(NodeRegistry.getNodeRegisteredEvents(receipt)).hasSize(1);
    NodeRegistry.NodeInfo info = nodes(node).getNode(node.getAddress()).send();
    assertThat(info.stake).isEqualTo(MIN);
    assertThat(info.peerId).isEqualTo(PEER_ID);
    assertThat(info.zone).isEqualTo(ZONE);
    assertThat(nodes(node).isActiveInZone(node.getAddress(), ZONE).send()).isTrue();
    assertThat(nodes(node).totalStake().send()).isEqualTo(MIN);
    assertThat(nodes(node).nodeAt(BigInteger.ZERO).send()).isEqualToIgnoringCase(node.getAddress());
    assertThat(chain.token(node).balanceOf(chain.deployment().nodeRegistry()).send())
        .isEqualTo(MIN);
  }

  @Test
  void rejectsStakeBelowMinimumBadPeerIdsDoubleRegistrationAndMissingAllowance() throws Exception {
    chain.assertReverts(
        () -> nodes(node).register(PEER_ID, ZONE, MIN.subtract(BigInteger.ONE)).send(),
        "StakeBelowMinimum");
    chain.assertReverts(() -> nodes(node).register(new byte[0], ZONE, MIN).send(), "InvalidPeerId");
    chain.assertReverts(
        () -> nodes(node).register(new byte[65], ZONE, MIN).send(), "InvalidPeerId");
    nodes(node).register(PEER_ID, ZONE, MIN).send();
    chain.assertReverts(() -> nodes(node).register(PEER_ID, ZONE, MIN).send(), "AlreadyRegistered");
    Credentials poor = chain.account(5);
    chain.mint(poor.getAddress(), 1_000);
    chain.assertReverts(
        () -> nodes(poor).register(PEER_ID, ZONE, MIN).send(), "ERC20InsufficientAllowance");
  }

  @Test
  void unbondedStakeIsWithdrawableOnlyAfterTheUnbondingDelay() throws Exception {
    nodes(node).register(PEER_ID, ZONE, MIN.multiply(BigInteger.TWO)).send();
    nodes(node).requestUnbond(MIN.add(BigInteger.ONE)).send();
    assertThat(nodes(node).isActive(node.getAddress()).send()).as("below minimum now").isFalse();
    chain.assertReverts(() -> nodes(node).withdraw().send(), "EarlyWithdrawal");

    chain.anvil().increaseTime(86_400);
    BigInteger before = chain.token(node).balanceOf(node.getAddress()).send();
    nodes(node).withdraw().send();
    assertThat(chain.token(node).balanceOf(node.getAddress()).send().subtract(before))
        .isEqualTo(MIN.add(BigInteger.ONE));
    chain.assertReverts(() -> nodes(node).withdraw().send(), "NothingToWithdraw");
    chain.assertReverts(() -> nodes(node).requestUnbond(MIN).send(), "InsufficientStake");
  }

  @Test
  void onlyTheWiredSettlementSlashesAndUnbondingStakeIsNotAnEscape() throws Exception {
    nodes(node).register(PEER_ID, ZONE, MIN.multiply(BigInteger.TWO)).send();
    Credentials stranger = chain.account(6);
    chain.assertReverts(() -> nodes(stranger).slash(node.getAddress(), MIN).send(), "Unauthorized");
    chain.assertReverts(
        () -> nodes(coordinator).slash(node.getAddress(), MIN).send(), "Unauthorized");

    nodes(node).requestUnbond(MIN.add(MIN.divide(BigInteger.TWO))).send();
    // stake 0.5 MIN, unbonding 1.5 MIN: a slash of 1 MIN takes both
    var receipt = nodes(settlement).slash(node.getAddress(), MIN).send();

    var slashed = NodeRegistry.getSlashedEvents(receipt).get(0);
    assertThat(slashed.amount).isEqualTo(MIN);
    assertThat(slashed.to).isEqualToIgnoringCase(settlement.getAddress());
    NodeRegistry.NodeInfo info = nodes(node).getNode(node.getAddress()).send();
    assertThat(info.stake).isZero();
    assertThat(info.unbonding).isEqualTo(MIN);
    // The slash goes to Settlement (the caller), which divides it.
    assertThat(chain.token(node).balanceOf(settlement.getAddress()).send()).isEqualTo(MIN);
    assertThat(nodes(node).totalStake().send()).isZero();
  }

  @Test
  void governanceAloneChangesParameters() throws Exception {
    chain.assertReverts(
        () -> nodes(node).setMinimumStake(BigInteger.ONE).send(),
        "AccessControlUnauthorizedAccount");
    chain.assertReverts(
        () -> nodes(node).setUnbondingDelay(BigInteger.ONE).send(),
        "AccessControlUnauthorizedAccount");
    // This test's registry of its own (withNodeRegistryWiredTo) stays governed by the admin key;
    // a Deployer deployment's is governed by the timelock (GovernanceIT).
    nodes(chain.admin()).setMinimumStake(FLEX).send();
    assertThat(nodes(node).minimumStake().send()).isEqualTo(FLEX);
  }

  @Test
  void governanceSettersStayWithinTheirBounds() throws Exception {
    NodeRegistry governance = nodes(chain.admin());
    chain.assertReverts(
        () -> governance.setMinimumStake(BigInteger.ZERO).send(), "InvalidMinimumStake");
    var error =
        chain.assertReverts(
            () -> governance.setUnbondingDelay(BigInteger.valueOf(3_599)).send(),
            "UnbondingDelayOutOfRange");
    assertThat(error.arguments()).containsExactly("3599", "3600", "7776000");
    chain.assertReverts(
        () -> governance.setUnbondingDelay(BigInteger.valueOf(90 * 86_400 + 1)).send(),
        "UnbondingDelayOutOfRange");
    governance.setUnbondingDelay(BigInteger.valueOf(3_600)).send();
    governance.setUnbondingDelay(BigInteger.valueOf(90 * 86_400)).send();
    assertThat(governance.unbondingDelay().send()).isEqualTo(BigInteger.valueOf(90 * 86_400));
  }

  @Test
  void peerIdAndZoneCanBeUpdatedByTheNodeOnly() throws Exception {
    chain.assertReverts(() -> nodes(node).updateZone(ZONE).send(), "NotRegistered");
    nodes(node).register(PEER_ID, ZONE, MIN).send();
    byte[] zone2 = Hash.sha3("zone-2".getBytes(StandardCharsets.UTF_8));
    nodes(node).updateZone(zone2).send();
    nodes(node).updatePeerId(new byte[34]).send();
    assertThat(nodes(node).isActiveInZone(node.getAddress(), zone2).send()).isTrue();
    assertThat(nodes(node).getNode(node.getAddress()).send().peerId).hasSize(34);
  }

  private NodeRegistry nodes(Credentials as) {
    return chain.nodes(as);
  }
}
