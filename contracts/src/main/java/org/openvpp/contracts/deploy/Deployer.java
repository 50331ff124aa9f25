package org.openvpp.contracts.deploy;

import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.generated.FlexToken;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.tx.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * Deploys the contracts and wires their roles. The deployer account becomes admin and governance of
 * every contract and minter of FLEX (the local network's faucet); on a real network hand these
 * roles to a multisig/timelock afterwards. Settlement is set once as the coordinator's settlement
 * (the only account that pays awards out of escrow). The node registry is wired once to the
 * coordinator and Settlement (they open and close obligations, Settlement slashes proven fraud);
 * nobody can rewire it later. FraudProofs, deployed after Settlement, is set once as the only
 * contract that may void a root. The admin is the coordinator's treasury (forfeited bonds) until
 * governance names another.
 */
public final class Deployer {
  private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

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
      FlexToken token = FlexToken.deploy(web3j, tm, Transactions.gas(), adminAddress).send();
      long deployBlock =
          token.getTransactionReceipt().orElseThrow().getBlockNumber().longValueExact();
      token.grantRole(token.MINTER_ROLE().send(), adminAddress).send();
      return deployWithToken(parameters, token.getContractAddress(), deployBlock);
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

      Map<String, String> addresses = new LinkedHashMap<>();
      addresses.put(Deployment.FLEX_TOKEN, tokenAddress);
      addresses.put(Deployment.DEVICE_REGISTRY, devices.getContractAddress());
      addresses.put(Deployment.NODE_REGISTRY, nodes.getContractAddress());
      addresses.put(Deployment.FLEXIBILITY_COORDINATOR, coordinator.getContractAddress());
      addresses.put(Deployment.SETTLEMENT, settlement.getContractAddress());
      addresses.put(Deployment.FRAUD_PROOFS, fraudProofs.getContractAddress());
      requireCode(addresses);
      Deployment deployment =
          new Deployment(chainId, deployBlock, adminAddress, addresses, parameters.asMap());
      LOG.info("deployed {} on chain {} from block {}", addresses, chainId, deployBlock);
      return deployment;
    } catch (Exception e) {
      throw new IllegalStateException("deployment failed: " + e.getMessage(), e);
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
