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
import org.openvpp.contracts.testing.Market;
import org.openvpp.contracts.tx.Transactions;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

/**
 * Wiring and obligations on a NodeRegistry of its own, wired to two dev accounts that stand in for
 * the coordinator and the Settlement contract, so the test opens, closes and slashes directly.
 */
@ExtendWith(AnvilExtension.class)
class NodeRegistryObligationsIT {
  private static final BigInteger FLEX = ChainFixture.FLEX;
  private static final BigInteger MIN = FLEX.multiply(BigInteger.valueOf(1_000));
  private static final BigInteger TWO_MIN = MIN.multiply(BigInteger.TWO);
  private static final long DELAY = 86_400;

  private ChainFixture deployed;
  private ChainFixture chain;
  private Credentials coordinator;
  private Credentials settlement;
  private Credentials node;
  private Credentials stranger;

  @BeforeEach
  void deploy(Anvil anvil) throws Exception {
    coordinator = anvil.credentials(7);
    settlement = anvil.credentials(8);
    node = anvil.credentials(4);
    stranger = anvil.credentials(6);
    deployed = new ChainFixture(anvil);
    chain = deployed.withNodeRegistryWiredTo(coordinator.getAddress(), settlement.getAddress());
    chain.mint(node.getAddress(), 5_000);
    chain
        .token(node)
        .approve(chain.deployment().nodeRegistry(), FLEX.multiply(BigInteger.valueOf(5_000)))
        .send();
    nodes(node).register(new byte[38], Market.ZONE, TWO_MIN).send();
  }

  /**
   * Escaping the slash (registry half): a node with an open obligation (an award not yet settled)
   * unbonds everything and withdraws after the delay, so a fraud proven later would find nothing.
   * The withdrawal now reverts while the obligation is open, and the unbonding stake stays
   * slashable.
   */
  @Test
  void aNodeWithAnOpenObligationCannotWithdrawItsUnbondingStake() throws Exception {
    nodes(coordinator).openObligation(node.getAddress()).send();
    nodes(node).requestUnbond(TWO_MIN).send();
    chain.anvil().increaseTime(DELAY);

    BigInteger before = balance(node);
    var error = chain.assertReverts(() -> nodes(node).withdraw().send(), "ObligationsOpen");
    assertThat(error.arguments()).containsExactly(node.getAddress().toLowerCase(), "1");
    assertThat(balance(node)).isEqualTo(before);

    // The fraud proven late still reaches the unbonding stake.
    nodes(settlement).slash(node.getAddress(), MIN).send();
    assertThat(nodes(node).getNode(node.getAddress()).send().unbonding).isEqualTo(MIN);
    assertThat(balance(settlement)).isEqualTo(MIN);
  }

  @Test
  void withdrawalWaitsUntilEveryObligationIsClosed() throws Exception {
    var opened = nodes(coordinator).openObligation(node.getAddress()).send();
    var event = NodeRegistry.getObligationOpenedEvents(opened).get(0);
    assertThat(event.node).isEqualToIgnoringCase(node.getAddress());
    assertThat(event.by).isEqualToIgnoringCase(coordinator.getAddress());
    assertThat(event.open).isEqualTo(BigInteger.ONE);
    nodes(settlement).openObligation(node.getAddress()).send();
    assertThat(nodes(node).obligations(node.getAddress()).send()).isEqualTo(BigInteger.TWO);

    nodes(node).requestUnbond(MIN).send();
    chain.anvil().increaseTime(DELAY);
    nodes(coordinator).closeObligation(node.getAddress()).send();
    var error = chain.assertReverts(() -> nodes(node).withdraw().send(), "ObligationsOpen");
    assertThat(error.arguments()).containsExactly(node.getAddress().toLowerCase(), "1");

    var closed = nodes(settlement).closeObligation(node.getAddress()).send();
    assertThat(NodeRegistry.getObligationClosedEvents(closed).get(0).open).isZero();
    BigInteger before = balance(node);
    nodes(node).withdraw().send();
    assertThat(balance(node).subtract(before)).isEqualTo(MIN);
  }

  @Test
  void obligationsAreOpenedAndClosedOnlyByTheWiredContractsAndNeverBelowZero() throws Exception {
    for (Credentials other : new Credentials[] {stranger, node, chain.admin()}) {
      var error =
          chain.assertReverts(
              () -> nodes(other).openObligation(node.getAddress()).send(), "Unauthorized");
      assertThat(error.arguments()).containsExactly(other.getAddress().toLowerCase());
    }
    nodes(settlement).openObligation(node.getAddress()).send();
    chain.assertReverts(
        () -> nodes(stranger).closeObligation(node.getAddress()).send(), "Unauthorized");
    nodes(coordinator).closeObligation(node.getAddress()).send();
    var error =
        chain.assertReverts(
            () -> nodes(coordinator).closeObligation(node.getAddress()).send(), "NoOpenObligation");
    assertThat(error.arguments()).containsExactly(node.getAddress().toLowerCase());
    assertThat(nodes(node).obligations(node.getAddress()).send()).isZero();
  }

  @Test
  void theRegistryIsWiredOnceByTheAdminAndNoRoleGrantsSlashing() throws Exception {
    assertThat(nodes(node).coordinator().send()).isEqualToIgnoringCase(coordinator.getAddress());
    assertThat(nodes(node).settlement().send()).isEqualToIgnoringCase(settlement.getAddress());
    var again =
        chain.assertReverts(
            () -> nodes(chain.admin()).wire(stranger.getAddress(), stranger.getAddress()).send(),
            "AlreadyWired");
    assertThat(again.arguments())
        .containsExactly(
            coordinator.getAddress().toLowerCase(), settlement.getAddress().toLowerCase());

    // The admin hands out every role there is, and the old slasher role by its name: none slashes.
    NodeRegistry admin = nodes(chain.admin());
    admin.grantRole(admin.DEFAULT_ADMIN_ROLE().send(), stranger.getAddress()).send();
    admin.grantRole(admin.GOVERNANCE_ROLE().send(), stranger.getAddress()).send();
    admin
        .grantRole(
            Hash.sha3("SLASHER_ROLE".getBytes(StandardCharsets.UTF_8)), stranger.getAddress())
        .send();
    for (Credentials other : new Credentials[] {stranger, chain.admin(), coordinator}) {
      chain.assertReverts(() -> nodes(other).slash(node.getAddress(), MIN).send(), "Unauthorized");
    }
    chain.assertReverts(
        () -> nodes(stranger).wire(stranger.getAddress(), stranger.getAddress()).send(),
        "AlreadyWired");
    assertThat(nodes(node).stakeOf(node.getAddress()).send()).isEqualTo(TWO_MIN);
  }

  @Test
  void anUnwiredRegistryRejectsObligationsAndSlashesAndWiresOnlyByTheAdminToRealAddresses()
      throws Exception {
    NodeRegistry unwired =
        NodeRegistry.deploy(
                chain.anvil().web3j(),
                Transactions.manager(chain.anvil().web3j(), chain.admin(), chain.anvil().chainId()),
                Transactions.gas(),
                chain.admin().getAddress(),
                chain.deployment().flexToken(),
                MIN,
                BigInteger.valueOf(DELAY))
            .send();
    assertThat(unwired.coordinator().send()).isEqualTo(ZERO_ADDRESS);
    NodeRegistry asCoordinator = load(unwired, coordinator);
    chain.assertReverts(
        () -> asCoordinator.openObligation(node.getAddress()).send(), "Unauthorized");
    chain.assertReverts(
        () -> load(unwired, settlement).slash(node.getAddress(), MIN).send(), "Unauthorized");
    chain.assertReverts(
        () -> load(unwired, stranger).wire(stranger.getAddress(), stranger.getAddress()).send(),
        "AccessControlUnauthorizedAccount");
    chain.assertReverts(
        () -> unwired.wire(ZERO_ADDRESS, settlement.getAddress()).send(), "ZeroAddress");
    chain.assertReverts(
        () -> unwired.wire(coordinator.getAddress(), ZERO_ADDRESS).send(), "ZeroAddress");
    var receipt = unwired.wire(coordinator.getAddress(), settlement.getAddress()).send();
    var wired = NodeRegistry.getWiredEvents(receipt).get(0);
    assertThat(wired.coordinator).isEqualToIgnoringCase(coordinator.getAddress());
    assertThat(wired.settlement).isEqualToIgnoringCase(settlement.getAddress());
    asCoordinator.openObligation(node.getAddress()).send();
    assertThat(unwired.obligations(node.getAddress()).send()).isEqualTo(BigInteger.ONE);
  }

  private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

  private NodeRegistry load(NodeRegistry registry, Credentials as) {
    return NodeRegistry.load(
        registry.getContractAddress(),
        chain.anvil().web3j(),
        Transactions.manager(chain.anvil().web3j(), as, chain.anvil().chainId()),
        Transactions.gas());
  }

  private BigInteger balance(Credentials account) throws Exception {
    return chain.token(account).balanceOf(account.getAddress()).send();
  }

  private NodeRegistry nodes(Credentials as) {
    return chain.nodes(as);
  }
}
