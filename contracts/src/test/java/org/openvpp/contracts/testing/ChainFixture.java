package org.openvpp.contracts.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.openvpp.contracts.deploy.Deployer;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.generated.FlexToken;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.governance.Governance;
import org.openvpp.contracts.tx.ContractErrors;
import org.openvpp.contracts.tx.RevertReasons;
import org.openvpp.contracts.tx.Transactions;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * A fresh deployment on a real Anvil, with wrappers bound to any dev account, and an assertion that
 * a transaction reverts with a given custom error (decoded from the chain, not guessed).
 */
public final class ChainFixture {
  public static final BigInteger FLEX = DeploymentParameters.FLEX;

  private final Anvil anvil;
  private final Deployment deployment;

  public ChainFixture(Anvil anvil) {
    this(anvil, DeploymentParameters.defaults());
  }

  public ChainFixture(Anvil anvil, DeploymentParameters parameters) {
    this.anvil = anvil;
    this.deployment = new Deployer(anvil.web3j(), admin(), anvil.chainId()).deploy(parameters);
  }

  /**
   * Wraps a deployment made elsewhere (for example {@code Deployer.deployWithToken} against a test
   * token); {@link #token} then binds the FlexToken wrapper to that token's ERC-20 functions.
   */
  public ChainFixture(Anvil anvil, Deployment deployment) {
    this.anvil = anvil;
    this.deployment = deployment;
  }

  public Anvil anvil() {
    return anvil;
  }

  public Deployment deployment() {
    return deployment;
  }

  public Credentials admin() {
    return anvil.credentials(0);
  }

  public Credentials account(int i) {
    return anvil.credentials(i);
  }

  public DeviceRegistry devices(Credentials as) {
    return DeviceRegistry.load(
        deployment.deviceRegistry(), anvil.web3j(), tm(as), Transactions.gas());
  }

  public NodeRegistry nodes(Credentials as) {
    return NodeRegistry.load(deployment.nodeRegistry(), anvil.web3j(), tm(as), Transactions.gas());
  }

  public FlexibilityCoordinator coordinator(Credentials as) {
    return FlexibilityCoordinator.load(
        deployment.coordinator(), anvil.web3j(), tm(as), Transactions.gas());
  }

  public Settlement settlement(Credentials as) {
    return Settlement.load(deployment.settlement(), anvil.web3j(), tm(as), Transactions.gas());
  }

  public FraudProofs fraudProofs(Credentials as) {
    return FraudProofs.load(deployment.fraudProofs(), anvil.web3j(), tm(as), Transactions.gas());
  }

  public FlexToken token(Credentials as) {
    return FlexToken.load(deployment.flexToken(), anvil.web3j(), tm(as), Transactions.gas());
  }

  private org.web3j.tx.TransactionManager tm(Credentials as) {
    return Transactions.manager(anvil.web3j(), as, anvil.chainId());
  }

  /**
   * The governance timelock, proposing as the admin (the deployer); the fixture's deployments have
   * no delay unless their parameters set one.
   */
  public Governance governance() {
    return Governance.of(anvil.web3j(), admin(), deployment);
  }

  /**
   * Runs a governance call through the timelock at once (delay 0): {@code call} is a wrapper call
   * bound to any account, e.g. {@code govern(chain.devices(chain.admin()), d -> d.admitOem(oem,
   * "Acme"))}.
   */
  public <C extends org.web3j.tx.Contract> TransactionReceipt govern(
      C contract, java.util.function.Function<C, RemoteFunctionCall<?>> call) throws Exception {
    return governance().run(contract.getContractAddress(), call.apply(contract));
  }

  /**
   * The same deployment but with a NodeRegistry of its own (same FLEX, same parameters), wired to
   * two accounts that stand in for the coordinator and the Settlement contract, so a test opens and
   * closes obligations and slashes directly. The real contracts stay wired to the original
   * registry; use this for registry-only tests. The registry of its own is governed by the admin
   * key directly, not by the timelock.
   */
  public ChainFixture withNodeRegistryWiredTo(String coordinator, String settlement)
      throws Exception {
    String registry =
        NodeRegistry.deploy(
                anvil.web3j(),
                tm(admin()),
                Transactions.gas(),
                admin().getAddress(),
                deployment.flexToken(),
                deployment.parameter("minimumStake"),
                deployment.parameter("unbondingDelaySeconds"))
            .send()
            .getContractAddress();
    NodeRegistry.load(registry, anvil.web3j(), tm(admin()), Transactions.gas())
        .wire(coordinator, settlement)
        .send();
    Map<String, String> contracts = new HashMap<>(deployment.contracts());
    contracts.put(Deployment.NODE_REGISTRY, registry);
    return new ChainFixture(
        anvil,
        new Deployment(
            deployment.chainId(),
            deployment.deployBlock(),
            deployment.deployer(),
            deployment.timelock(),
            contracts,
            deployment.parameters()));
  }

  /** Mints {@code flex} whole FLEX to {@code to} from the admin (minter) account. */
  public void mint(String to, long flex) throws Exception {
    token(admin()).mint(to, FLEX.multiply(BigInteger.valueOf(flex))).send();
  }

  /** Asserts that {@code call} sends a transaction that reverts with custom error {@code name}. */
  public ContractErrors.DecodedError assertReverts(ThrowingCallable call, String name) {
    try {
      call.call();
    } catch (TransactionException e) {
      ContractErrors.DecodedError error =
          RevertReasons.of(anvil.web3j(), e)
              .orElseThrow(() -> new AssertionError("reverted without decodable data: " + e));
      assertThat(error.name()).as("revert of %s", error).isEqualTo(name);
      return error;
    } catch (Throwable t) {
      throw new AssertionError("expected revert " + name + " but got " + t, t);
    }
    return fail("expected revert " + name + " but the transaction succeeded");
  }
}
