package org.openvpp.testnet.bench;

import static org.openvpp.testnet.bench.GasReport.flex;

import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.deploy.MarketParameters;
import org.openvpp.contracts.deploy.SettlementParameters;
import org.openvpp.contracts.eip712.Eip712Domain;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.generated.FlexToken;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.governance.Governance;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.KeyType;
import org.openvpp.contracts.identity.OwnerBinding;
import org.openvpp.contracts.identity.RegistryDomain;
import org.openvpp.contracts.token.FlexPermit;
import org.openvpp.contracts.tx.Transactions;
import org.openvpp.testnet.LocalTestnet;
import org.openvpp.testnet.TestnetAccounts;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Contract;

/** The operations measured, one method per contract, each recording into the ledger. */
final class GasScenarios {
  private final LocalTestnet testnet;
  private final GasLedger ledger;
  private final PrintStream out;
  private final Web3j web3j;
  private final Deployment deployment;

  GasScenarios(LocalTestnet testnet, GasLedger ledger, PrintStream out) {
    this.testnet = testnet;
    this.ledger = ledger;
    this.out = out;
    this.web3j = testnet.chain().web3j();
    this.deployment = testnet.deployment();
  }

  void runAll(List<Integer> batchSizes, List<Integer> evidenceSizes, int claimRounds)
      throws Exception {
    deployments();
    flexToken();
    deviceRegistry();
    nodeRegistry();
    bulkOnboarding(batchSizes);
    new MarketScenarios(testnet, ledger, out).run(evidenceSizes, claimRounds);
  }

  private void deployments() throws Exception {
    for (String name :
        List.of(
            Deployment.FLEX_TOKEN,
            Deployment.DEVICE_REGISTRY,
            Deployment.NODE_REGISTRY,
            Deployment.FLEXIBILITY_COORDINATOR,
            Deployment.SETTLEMENT,
            Deployment.FRAUD_PROOFS)) {
      var code =
          web3j
              .ethGetCode(
                  deployment.address(name),
                  org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
              .send();
      ledger.put(name + ".deployedBytes", (code.getCode().length() - 2) / 2);
    }
    Credentials admin = as(TestnetAccounts.ADMIN);
    var tm = Transactions.manager(web3j, admin, chainId());
    ledger.record(
        "FlexToken.deploy",
        FlexToken.deploy(
                web3j,
                tm,
                Transactions.gas(),
                admin.getAddress(),
                DeploymentParameters.DEFAULT_SUPPLY_CAP)
            .send()
            .getTransactionReceipt()
            .orElseThrow());
    ledger.record(
        "DeviceRegistry.deploy",
        DeviceRegistry.deploy(web3j, tm, Transactions.gas(), admin.getAddress())
            .send()
            .getTransactionReceipt()
            .orElseThrow());
    ledger.record(
        "NodeRegistry.deploy",
        NodeRegistry.deploy(
                web3j,
                tm,
                Transactions.gas(),
                admin.getAddress(),
                deployment.flexToken(),
                flex(1_000),
                BigInteger.valueOf(86_400))
            .send()
            .getTransactionReceipt()
            .orElseThrow());
    MarketParameters market = MarketParameters.defaults();
    ledger.record(
        "FlexibilityCoordinator.deploy",
        FlexibilityCoordinator.deploy(
                web3j,
                tm,
                Transactions.gas(),
                admin.getAddress(),
                deployment.flexToken(),
                deployment.nodeRegistry(),
                admin.getAddress(),
                market.toContract())
            .send()
            .getTransactionReceipt()
            .orElseThrow());
    ledger.record(
        "Settlement.deploy",
        Settlement.deploy(
                web3j,
                tm,
                Transactions.gas(),
                admin.getAddress(),
                deployment.flexToken(),
                deployment.coordinator(),
                deployment.nodeRegistry(),
                deployment.deviceRegistry(),
                SettlementParameters.defaults().toContract())
            .send()
            .getTransactionReceipt()
            .orElseThrow());
    ledger.record(
        "FraudProofs.deploy",
        FraudProofs.deploy(web3j, tm, Transactions.gas(), deployment.settlement())
            .send()
            .getTransactionReceipt()
            .orElseThrow());
  }

  private void flexToken() throws Exception {
    Credentials owner = as(TestnetAccounts.OWNER);
    String spender = as(TestnetAccounts.OPERATOR).getAddress();
    ledger.record(
        "FlexToken.mint",
        token(as(TestnetAccounts.ADMIN)).mint(owner.getAddress(), flex(10)).send());
    ledger.record("FlexToken.transfer", token(owner).transfer(spender, flex(1)).send());
    ledger.record("FlexToken.approve", token(owner).approve(spender, flex(1)).send());
    BigInteger deadline = BigInteger.valueOf(4_000_000_000L);
    BigInteger nonce = token(owner).nonces(owner.getAddress()).send();
    FlexPermit.Signed sig =
        new FlexPermit(owner.getAddress(), spender, flex(2), nonce, deadline)
            .sign(FlexPermit.domain(chainId(), deployment.flexToken()), owner.getEcKeyPair());
    ledger.record(
        "FlexToken.permit",
        token(as(TestnetAccounts.REQUESTER))
            .permit(owner.getAddress(), spender, flex(2), deadline, sig.v(), sig.r(), sig.s())
            .send());
  }

  private void deviceRegistry() throws Exception {
    Credentials oemAccount = testnet.chain().credentials(5);
    // Governance calls go through the timelock (delay 0 here): the gas recorded is the execute
    // transaction's, timelock overhead included.
    DeviceRegistry governance = devices(as(TestnetAccounts.ADMIN));
    ledger.record(
        "DeviceRegistry.admitOem",
        govern(governance, governance.admitOem(oemAccount.getAddress(), "Gas OEM")));
    DeviceRegistry oem = devices(oemAccount);
    ledger.record(
        "DeviceRegistry.registerModel",
        oem.registerModel(
                BigInteger.ZERO,
                BigInteger.valueOf(5_000),
                BigInteger.valueOf(13_500),
                "Battery 13.5")
            .send());
    Eip712Domain domain = RegistryDomain.of(chainId(), deployment.deviceRegistry());
    Credentials device = Credentials.create(Keys.createEcKeyPair());
    DeviceCertificate cert =
        new DeviceCertificate(
            device.getAddress(),
            KeyType.SECP256K1,
            0,
            5_000,
            13_500,
            DeviceClass.HOME_BATTERY,
            Hash.sha3("SN-1".getBytes(StandardCharsets.UTF_8)));
    DeviceRegistry anyone = devices(as(TestnetAccounts.OWNER));
    ledger.record(
        "DeviceRegistry.registerDevice",
        anyone
            .registerDevice(
                cert.toContractStruct(),
                Signatures.sign(cert.digest(domain), oemAccount.getEcKeyPair()))
            .send());
    String alice = as(TestnetAccounts.OWNER).getAddress();
    byte[] bind =
        Signatures.sign(
            new OwnerBinding(alice, BigInteger.ZERO).digest(domain), device.getEcKeyPair());
    ledger.record(
        "DeviceRegistry.bindOwner", anyone.bindOwner(device.getAddress(), alice, bind).send());
    Credentials bob = as(TestnetAccounts.OPERATOR);
    ledger.record(
        "DeviceRegistry.setNode", anyone.setNode(device.getAddress(), bob.getAddress()).send());
    ledger.record(
        "DeviceRegistry.offerOwnership",
        anyone.offerOwnership(device.getAddress(), bob.getAddress()).send());
    ledger.record(
        "DeviceRegistry.cancelOwnershipOffer",
        anyone.cancelOwnershipOffer(device.getAddress()).send());
    anyone.offerOwnership(device.getAddress(), bob.getAddress()).send();
    ledger.record(
        "DeviceRegistry.acceptOwnership", devices(bob).acceptOwnership(device.getAddress()).send());
    ledger.record("DeviceRegistry.revokeDevice", oem.revokeDevice(device.getAddress()).send());
    ledger.record(
        "DeviceRegistry.publishBatch",
        oem.publishBatch(BigInteger.ZERO, new byte[32], BigInteger.ONE).send());
    ledger.record("DeviceRegistry.revokeBatch", oem.revokeBatch(BigInteger.ZERO).send());
    Credentials otherOem = testnet.chain().credentials(6);
    govern(governance, governance.admitOem(otherOem.getAddress(), "Suspended OEM"));
    ledger.record(
        "DeviceRegistry.suspendOem",
        govern(governance, governance.suspendOem(otherOem.getAddress())));
  }

  private void nodeRegistry() throws Exception {
    Credentials node = as(TestnetAccounts.OPERATOR);
    token(node).approve(deployment.nodeRegistry(), flex(10_000)).send();
    NodeRegistry nodes = nodes(node);
    byte[] zone = Hash.sha3("zone-1".getBytes(StandardCharsets.UTF_8));
    ledger.record("NodeRegistry.register", nodes.register(new byte[38], zone, flex(2_000)).send());
    ledger.record("NodeRegistry.increaseStake", nodes.increaseStake(flex(500)).send());
    ledger.record("NodeRegistry.updatePeerId", nodes.updatePeerId(new byte[39]).send());
    ledger.record(
        "NodeRegistry.updateZone",
        nodes.updateZone(Hash.sha3("zone-2".getBytes(StandardCharsets.UTF_8))).send());
    ledger.record("NodeRegistry.requestUnbond", nodes.requestUnbond(flex(500)).send());
    testnet.chain().increaseTime(86_400);
    ledger.record("NodeRegistry.withdraw", nodes.withdraw().send());
    NodeRegistry admin = nodes(as(TestnetAccounts.ADMIN));
    ledger.record(
        "NodeRegistry.setMinimumStake", govern(admin, admin.setMinimumStake(flex(1_000))));
    slashOnARegistryOfItsOwn();
  }

  /**
   * Only the wired Settlement contract slashes the deployment's registry, so the slash is measured
   * on a registry of its own, wired to the admin account as coordinator and settlement; the admin
   * (the FLEX minter) is also the node slashed.
   */
  private void slashOnARegistryOfItsOwn() throws Exception {
    Credentials adminAccount = as(TestnetAccounts.ADMIN);
    Credentials node = adminAccount;
    String registry =
        NodeRegistry.deploy(
                web3j,
                Transactions.manager(web3j, adminAccount, chainId()),
                Transactions.gas(),
                adminAccount.getAddress(),
                deployment.flexToken(),
                flex(1_000),
                BigInteger.valueOf(86_400))
            .send()
            .getContractAddress();
    NodeRegistry admin = nodes(adminAccount, registry);
    admin.wire(adminAccount.getAddress(), adminAccount.getAddress()).send();
    token(node).mint(node.getAddress(), flex(2_000)).send();
    token(node).approve(registry, flex(2_000)).send();
    nodes(node, registry).register(new byte[38], new byte[32], flex(2_000)).send();
    ledger.record("NodeRegistry.slash", admin.slash(node.getAddress(), flex(100)).send());
  }

  private void bulkOnboarding(List<Integer> sizes) throws Exception {
    Credentials oemAccount = testnet.chain().credentials(7);
    DeviceRegistry governance = devices(as(TestnetAccounts.ADMIN));
    govern(governance, governance.admitOem(oemAccount.getAddress(), "Bulk OEM"));
    DeviceRegistry oem = devices(oemAccount);
    long model = oem.modelCount().send().longValueExact();
    oem.registerModel(BigInteger.ONE, BigInteger.valueOf(7_000), BigInteger.ZERO, "Wallbox 7")
        .send();
    Credentials submitter = testnet.chain().credentials(8);
    Map<String, Object> total = new LinkedHashMap<>();
    Map<String, Object> perDevice = new LinkedHashMap<>();
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> regAvg = new LinkedHashMap<>();
    Map<String, Object> regMax = new LinkedHashMap<>();
    for (int n : sizes) {
      long batchId = oem.batchCount().send().longValueExact();
      out.println("… bulk onboarding of " + n + " devices");
      var r =
          BulkOnboarding.run(
              web3j,
              oem,
              submitter,
              chainId(),
              model,
              batchId,
              n,
              done -> out.println("   " + done + "/" + n + " registrations sent"));
      String key = String.valueOf(n);
      root.put(key, r.rootGas());
      regAvg.put(key, r.registrationAverage());
      regMax.put(key, r.registrationMax());
      total.put(key, r.total());
      perDevice.put(key, r.perDevice());
    }
    ledger.put("bulkOnboarding.publishBatchGas", root);
    ledger.put("bulkOnboarding.registerFromBatchAvgGas", regAvg);
    ledger.put("bulkOnboarding.registerFromBatchMaxGas", regMax);
    ledger.put("bulkOnboarding.totalGas", total);
    ledger.put("bulkOnboarding.perDeviceGas", perDevice);
  }

  private TransactionReceipt govern(Contract contract, RemoteFunctionCall<?> call)
      throws Exception {
    return Governance.of(web3j, as(TestnetAccounts.ADMIN), deployment)
        .run(contract.getContractAddress(), call);
  }

  private long chainId() {
    return testnet.chain().chainId();
  }

  private Credentials as(TestnetAccounts role) {
    return testnet.account(role);
  }

  private FlexToken token(Credentials c) {
    return FlexToken.load(
        deployment.flexToken(),
        web3j,
        Transactions.manager(web3j, c, chainId()),
        Transactions.gas());
  }

  private DeviceRegistry devices(Credentials c) {
    return DeviceRegistry.load(
        deployment.deviceRegistry(),
        web3j,
        Transactions.manager(web3j, c, chainId()),
        Transactions.gas());
  }

  private NodeRegistry nodes(Credentials c) {
    return nodes(c, deployment.nodeRegistry());
  }

  private NodeRegistry nodes(Credentials c, String registry) {
    return NodeRegistry.load(
        registry, web3j, Transactions.manager(web3j, c, chainId()), Transactions.gas());
  }
}
