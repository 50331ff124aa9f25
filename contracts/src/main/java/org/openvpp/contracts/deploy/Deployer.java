package org.openvpp.contracts.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.generated.FlexToken;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.generated.VppTimelock;
import org.openvpp.contracts.tx.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.datatypes.Address;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * Deploys the contracts, wires them and hands governance to a timelock. Settlement is set once as
 * the coordinator's settlement (the only account that pays awards out of escrow). The node registry
 * is wired once to the coordinator and Settlement (they open and close obligations, Settlement
 * slashes proven fraud); nobody can rewire it later. FraudProofs, deployed after Settlement, is set
 * once as the only contract that may void a root. Last, a {@code VppTimelock} (delay {@link
 * DeploymentParameters#timelockDelaySeconds}, the deployer its only proposer, anyone may execute a
 * ready operation, no admin besides itself) receives GOVERNANCE_ROLE and DEFAULT_ADMIN_ROLE of
 * every contract and the deployer renounces them: from then on every parameter change and role
 * grant is scheduled in public and applies only after the delay. FLEX's MINTER_ROLE stays with the
 * deployer on a dev chain (chain id 31337 or 1337: the local network's faucet, bounded by the
 * supply cap) and goes to the timelock everywhere else. The admin is the coordinator's treasury
 * (forfeited bonds) until governance names another.
 */
public final class Deployer {
  private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

  /** {@code keccak256("GOVERNANCE_ROLE")}, the same constant in every governed contract. */
  private static final byte[] GOVERNANCE_ROLE = Hash.sha3("GOVERNANCE_ROLE".getBytes(UTF_8));

  /** AccessControl's DEFAULT_ADMIN_ROLE: zero. */
  private static final byte[] DEFAULT_ADMIN_ROLE = new byte[32];

  private final Web3j web3j;
  private final Credentials admin;
  private final long chainId;

  public Deployer(Web3j web3j, Credentials admin, long chainId) {
    this.web3j = web3j;
    this.admin = admin;
    this.chainId = chainId;
  }

  public Deployment deploy(DeploymentParameters parameters) {
    try {
      TransactionManager tm = Transactions.manager(web3j, admin, chainId);
      String adminAddress = admin.getAddress();
      FlexToken token =
          FlexToken.deploy(web3j, tm, Transactions.gas(), adminAddress, parameters.supplyCap())
              .send();
      long deployBlock =
          token.getTransactionReceipt().orElseThrow().getBlockNumber().longValueExact();
      Deployment deployment = deployWithToken(parameters, token.getContractAddress(), deployBlock);
      byte[] minter = token.MINTER_ROLE().send();
      token.grantRole(minter, isDevChain(chainId) ? adminAddress : deployment.timelock()).send();
      handOver(token.getContractAddress(), deployment.timelock(), false);
      return deployment;
    } catch (Exception e) {
      throw new IllegalStateException("deployment failed: " + e.getMessage(), e);
    }
  }

  /**
   * Deploys everything but the token against an existing ERC-20 (tests use a token with transfer
   * hooks to attack the contracts through reentrancy).
   */
  public Deployment deployWithToken(
      DeploymentParameters parameters, String tokenAddress, long deployBlock) {
    try {
      TransactionManager tm = Transactions.manager(web3j, admin, chainId);
      ContractGasProvider gas = Transactions.gas();
      String adminAddress = admin.getAddress();

      DeviceRegistry devices = DeviceRegistry.deploy(web3j, tm, gas, adminAddress).send();
      NodeRegistry nodes =
          NodeRegistry.deploy(
                  web3j,
                  tm,
                  gas,
                  adminAddress,
                  tokenAddress,
                  parameters.minimumStake(),
                  BigInteger.valueOf(parameters.unbondingDelaySeconds()))
              .send();

      MarketParameters market = parameters.market();
      FlexibilityCoordinator coordinator =
          FlexibilityCoordinator.deploy(
                  web3j,
                  tm,
                  gas,
                  adminAddress,
                  tokenAddress,
                  nodes.getContractAddress(),
                  adminAddress, // treasury of forfeited bonds until governance names another
                  market.toContract())
              .send();
      Settlement settlement =
          Settlement.deploy(
                  web3j,
                  tm,
                  gas,
                  adminAddress,
                  tokenAddress,
                  coordinator.getContractAddress(),
                  nodes.getContractAddress(),
                  devices.getContractAddress(),
                  parameters.settlement().toContract())
              .send();
      // Set once: nobody can later give itself the right to pay out escrow.
      coordinator.setSettlement(settlement.getContractAddress()).send();
      nodes.wire(coordinator.getContractAddress(), settlement.getContractAddress()).send();
      FraudProofs fraudProofs =
          FraudProofs.deploy(web3j, tm, gas, settlement.getContractAddress()).send();
      settlement.setFraudProofs(fraudProofs.getContractAddress()).send();

      // Last: once the timelock holds governance, the deployer cannot wire anything any more.
      String timelock = deployTimelock(parameters.timelockDelaySeconds());
      for (String governed :
          java.util.List.of(
              devices.getContractAddress(),
              nodes.getContractAddress(),
              coordinator.getContractAddress(),
              settlement.getContractAddress())) {
        handOver(governed, timelock, true);
      }

      Map<String, String> addresses = new LinkedHashMap<>();
      addresses.put(Deployment.FLEX_TOKEN, tokenAddress);
      addresses.put(Deployment.DEVICE_REGISTRY, devices.getContractAddress());
      addresses.put(Deployment.NODE_REGISTRY, nodes.getContractAddress());
      addresses.put(Deployment.FLEXIBILITY_COORDINATOR, coordinator.getContractAddress());
      addresses.put(Deployment.SETTLEMENT, settlement.getContractAddress());
      addresses.put(Deployment.FRAUD_PROOFS, fraudProofs.getContractAddress());
      requireCode(addresses);
      Deployment deployment =
          new Deployment(
              chainId, deployBlock, adminAddress, timelock, addresses, parameters.asMap());
      LOG.info(
          "deployed {} on chain {} from block {}, governed by timelock {} ({} s delay)",
          addresses,
          chainId,
          deployBlock,
          timelock,
          parameters.timelockDelaySeconds());
      return deployment;
    } catch (Exception e) {
      throw new IllegalStateException("deployment failed: " + e.getMessage(), e);
    }
  }

  /**
   * Anvil's and Hardhat's default chain id (31337) and the Geth/Besu/Ganache dev default (1337).
   */
  public static boolean isDevChain(long chainId) {
    return chainId == 31_337 || chainId == 1_337;
  }

  private String deployTimelock(long delaySeconds) throws Exception {
    String admin = this.admin.getAddress();
    VppTimelock timelock =
        VppTimelock.deploy(
                web3j,
                Transactions.manager(web3j, this.admin, chainId),
                Transactions.gas(),
                BigInteger.valueOf(delaySeconds),
                List.of(admin),
                // address(0) as executor: anyone may execute an operation once its delay is over.
                List.of(Address.DEFAULT.getValue()),
                Address.DEFAULT.getValue())
            .send();
    return timelock.getContractAddress();
  }

  /**
   * Grants the timelock DEFAULT_ADMIN_ROLE (and GOVERNANCE_ROLE if the contract has one) of {@code
   * contract}, then the deployer renounces both. grantRole, renounceRole and hasRole have the same
   * selectors on every AccessControl contract, so the FlexToken wrapper serves as a plain
   * AccessControl binding here.
   */
  private void handOver(String contract, String timelock, boolean hasGovernanceRole)
      throws Exception {
    FlexToken acl =
        FlexToken.load(
            contract, web3j, Transactions.manager(web3j, admin, chainId), Transactions.gas());
    List<byte[]> roles = new ArrayList<>();
    if (hasGovernanceRole) {
      roles.add(GOVERNANCE_ROLE);
    }
    roles.add(DEFAULT_ADMIN_ROLE); // last: renouncing it first would forbid the grants before
    for (byte[] role : roles) {
      acl.grantRole(role, timelock).send();
    }
    for (byte[] role : roles) {
      acl.renounceRole(role, admin.getAddress()).send();
    }
  }

  /**
   * Checks {@code eth_getCode} rather than {@code Contract.isValid()}, which is false for contracts
   * with immutable variables.
   */
  private void requireCode(Map<String, String> addresses) throws IOException {
    for (Map.Entry<String, String> entry : addresses.entrySet()) {
      String code =
          web3j
              .ethGetCode(
                  entry.getValue(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
              .send()
              .getCode();
      if (code == null || code.length() <= 2) {
        throw new IllegalStateException(entry.getKey() + " has no code at " + entry.getValue());
      }
    }
  }
}
