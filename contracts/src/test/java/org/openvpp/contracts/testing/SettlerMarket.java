package org.openvpp.contracts.testing;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.contracts.tx.Transactions;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
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
    // wire(coordinator, settlement) is view in the interface skeleton, so the wrapper has no
    // transaction for it yet: send the call as one (the registry's hardening makes it a write).
    String wire =
        FunctionEncoder.encode(
            new Function(
                "wire",
                List.of(
                    new Address(coordinator.getContractAddress()),
                    new Address(settler.getAddress())),
                List.of()));
    tm.sendTransaction(
        Transactions.GAS_PRICE,
        BigInteger.valueOf(200_000),
        nodes.getContractAddress(),
        wire,
        BigInteger.ZERO);
    Map<String, String> contracts = new LinkedHashMap<>(d.contracts());
    contracts.put(Deployment.NODE_REGISTRY, nodes.getContractAddress());
    contracts.put(Deployment.FLEXIBILITY_COORDINATOR, coordinator.getContractAddress());
    contracts.put(Deployment.SETTLEMENT, settler.getAddress());
    return new ChainFixture(
        anvil,
        new Deployment(d.chainId(), d.deployBlock(), d.deployer(), contracts, d.parameters()));
  }
}
