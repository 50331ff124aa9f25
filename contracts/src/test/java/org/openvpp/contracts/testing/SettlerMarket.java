package org.openvpp.contracts.testing;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.contracts.tx.Transactions;
import org.web3j.crypto.Credentials;

/**
 * A deployment whose coordinator is settled by a plain account instead of the Settlement contract,
 * for tests of the coordinator's settlement rules alone. The settlement address is set once, so
 * this needs its own node registry and coordinator (wired to the settler) next to a normal
 * deployment's token; both are deployed by the admin exactly as the Deployer does.
 */
public final class SettlerMarket {
  private SettlerMarket() {}

  /** A fixture whose coordinator and node registry are fresh and wired to {@code settler}. */
  public static ChainFixture deploy(Anvil anvil, Credentials settler) throws Exception {
    ChainFixture base = new ChainFixture(anvil);
    Credentials admin = base.admin();
    var tm = Transactions.manager(anvil.web3j(), admin, anvil.chainId());
    var gas = Transactions.gas();
    DeploymentParameters parameters = DeploymentParameters.defaults();
    Deployment d = base.deployment();
    NodeRegistry nodes =
        NodeRegistry.deploy(
                anvil.web3j(),
                tm,
                gas,
                admin.getAddress(),
                d.flexToken(),
                parameters.minimumStake(),
                BigInteger.valueOf(parameters.unbondingDelaySeconds()))
            .send();
    FlexibilityCoordinator coordinator =
        FlexibilityCoordinator.deploy(
                anvil.web3j(),
                tm,
                gas,
                admin.getAddress(),
                d.flexToken(),
                nodes.getContractAddress(),
                admin.getAddress(),
                parameters.market().toContract())
            .send();
    coordinator.setSettlement(settler.getAddress()).send();
    nodes.wire(coordinator.getContractAddress(), settler.getAddress()).send();
    Map<String, String> contracts = new LinkedHashMap<>(d.contracts());
    contracts.put(Deployment.NODE_REGISTRY, nodes.getContractAddress());
    contracts.put(Deployment.FLEXIBILITY_COORDINATOR, coordinator.getContractAddress());
    contracts.put(Deployment.SETTLEMENT, settler.getAddress());
    return new ChainFixture(
        anvil,
        new Deployment(
            d.chainId(), d.deployBlock(), d.deployer(), d.timelock(), contracts, d.parameters()));
  }
}
