package org.openvpp.contracts.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Oem;
import org.openvpp.contracts.tx.Transactions;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tuples.generated.Tuple2;
import org.web3j.utils.Numeric;

/**
 * DeviceRegistry's history on a real Anvil: the owner and the node of a device for a window
 * starting at t (ownerAt, nodeAt), what is forgotten, managedDevices, revokedAt and the largest
 * rated power. Each step happens in its own block, 100 s after the previous one.
 */
@ExtendWith(AnvilExtension.class)
class DeviceHistoryIT {
  private static final String NOBODY = "0x0000000000000000000000000000000000000000";
  private static final long STEP = 100;

  private ChainFixture chain;
  private Oem oem;
  private long batteryModel;
  private Credentials alice;
  private Credentials bob;
  private Credentials carol;
  private String node1;
  private String node2;

  @BeforeEach
  void deploy(Anvil anvil) throws Exception {
    chain = new ChainFixture(anvil);
    oem = Oem.admit(chain, chain.account(1), "Acme Batteries");
    batteryModel = oem.model(DeviceClass.HOME_BATTERY, 5_000, 13_500);
    alice = chain.account(3);
    bob = chain.account(4);
    carol = chain.account(5);
    node1 = chain.account(6).getAddress();
    node2 = chain.account(8).getAddress();
  }

  @Test
  void ownerAtFollowsBindAndTransfersAndForgetsAllButTheLastTwoOwners() throws Exception {
    Credentials device = registeredDevice();
    String d = device.getAddress();
    assertThat(ownerAt(d, chain.anvil().latestTimestamp())).isEqualTo(known(NOBODY));

    long bound = bind(device, alice);
    assertThat(read().ownerSince(d).send().longValueExact()).isEqualTo(bound);
    assertThat(ownerAt(d, bound - 1)).isEqualTo(known(NOBODY));
    assertThat(ownerAt(d, bound)).isEqualTo(known(alice.getAddress()));

    long toBob = transfer(d, alice, bob);
    assertThat(ownerAt(d, bound - 1)).isEqualTo(known(NOBODY));
    assertThat(ownerAt(d, bound)).isEqualTo(known(alice.getAddress()));
    assertThat(ownerAt(d, toBob - 1)).isEqualTo(known(alice.getAddress()));
    assertThat(ownerAt(d, toBob)).isEqualTo(known(bob.getAddress()));

    long toCarol = transfer(d, bob, carol);
    assertThat(read().ownerSince(d).send().longValueExact()).isEqualTo(toCarol);
    assertThat(ownerAt(d, toCarol)).isEqualTo(known(carol.getAddress()));
    assertThat(ownerAt(d, toCarol - 1)).isEqualTo(known(bob.getAddress()));
    assertThat(ownerAt(d, toBob)).isEqualTo(known(bob.getAddress()));
    // Alice's entry is gone: a window starting before Bob took over proves nothing any more.
    assertThat(ownerAt(d, toBob - 1)).isEqualTo(unknown());
    assertThat(ownerAt(d, bound - 1)).isEqualTo(unknown());
  }

  @Test
  void onlyTheOwnerAssignsANodeAndNodeAtFollowsTheAssignments() throws Exception {
    Credentials device = registeredDevice();
    String d = device.getAddress();
    long bound = bind(device, alice);
    chain.assertReverts(() -> as(bob).setNode(d, node1).send(), "NotDeviceOwner");
    chain.assertReverts(() -> as(chain.account(6)).setNode(d, node1).send(), "NotDeviceOwner");
    assertThat(nodeAt(d, bound)).isEqualTo(known(NOBODY));

    later();
    TransactionReceipt first = as(alice).setNode(d, node1).send();
    long t1 = timestampOf(first);
    var event = DeviceRegistry.getNodeAssignedEvents(first).get(0);
    assertThat(event.device).isEqualToIgnoringCase(d);
    assertThat(event.node).isEqualToIgnoringCase(node1);
    assertThat(event.since.longValueExact()).isEqualTo(t1);
    assertThat(read().nodeOf(d).send()).isEqualTo(new Tuple2<>(node1, BigInteger.valueOf(t1)));
    assertThat(managed(node1)).isEqualTo(1);
    chain.assertReverts(() -> as(alice).setNode(d, node1).send(), "NodeAlreadyAssigned");

    later();
    long t2 = timestampOf(as(alice).setNode(d, node2).send());
    assertThat(managed(node1)).isZero();
    assertThat(managed(node2)).isEqualTo(1);
    assertThat(nodeAt(d, t1 - 1)).isEqualTo(known(NOBODY));
    assertThat(nodeAt(d, t1)).isEqualTo(known(node1));
    assertThat(nodeAt(d, t2 - 1)).isEqualTo(known(node1));
    assertThat(nodeAt(d, t2)).isEqualTo(known(node2));

    later();
    long t3 = timestampOf(as(alice).setNode(d, NOBODY).send());
    assertThat(managed(node2)).isZero();
    assertThat(nodeAt(d, t3)).isEqualTo(known(NOBODY));
    assertThat(nodeAt(d, t2)).isEqualTo(known(node2));
    assertThat(nodeAt(d, t2 - 1)).isEqualTo(unknown());
  }

  @Test
  void twoAssignmentsInOneBlockKeepTheLaterAndForgetWhatCameBefore() throws Exception {
    Credentials device = registeredDevice();
    String d = device.getAddress();
    bind(device, alice);
    later();
    long t1 = timestampOf(as(alice).setNode(d, node1).send());

    later();
    BigInteger nonce =
        chain
            .anvil()
            .web3j()
            .ethGetTransactionCount(alice.getAddress(), DefaultBlockParameterName.LATEST)
            .send()
            .getTransactionCount();
    String toNode2;
    String backToNode1;
    automine(false);
    try {
      toNode2 = sendRaw(alice, nonce, read().setNode(d, node2).encodeFunctionCall());
      backToNode1 =
          sendRaw(alice, nonce.add(BigInteger.ONE), read().setNode(d, node1).encodeFunctionCall());
      chain.anvil().mine();
    } finally {
      automine(true);
    }
    TransactionReceipt first = receipt(toNode2);
    TransactionReceipt second = receipt(backToNode1);
    assertThat(first.isStatusOK()).isTrue();
    assertThat(second.isStatusOK()).isTrue();
    assertThat(second.getBlockHash()).isEqualTo(first.getBlockHash());
    long t = timestampOf(second);

    assertThat(nodeAt(d, t)).isEqualTo(known(node1));
    // Both entries carry time t: node1's assignment from t1 is gone, so before t nothing is known.
    assertThat(nodeAt(d, t - 1)).isEqualTo(unknown());
    assertThat(nodeAt(d, t1)).isEqualTo(unknown());
    assertThat(managed(node1)).isEqualTo(1);
    assertThat(managed(node2)).isZero();
  }

  @Test
  void anOwnershipTransferUnassignsTheNodeUntilTheNewOwnerChoosesOne() throws Exception {
    Credentials device = registeredDevice();
    String d = device.getAddress();
    bind(device, alice);
    later();
    long assigned = timestampOf(as(alice).setNode(d, node1).send());

    later();
    as(alice).offerOwnership(d, bob.getAddress()).send();
    later();
    TransactionReceipt accepted = as(bob).acceptOwnership(d).send();
    long moved = timestampOf(accepted);
    var event = DeviceRegistry.getNodeAssignedEvents(accepted).get(0);
    assertThat(event.node).isEqualTo(NOBODY);
    assertThat(event.since.longValueExact()).isEqualTo(moved);
    assertThat(managed(node1)).isZero();
    assertThat(nodeAt(d, moved)).isEqualTo(known(NOBODY));
    assertThat(nodeAt(d, moved - 1)).isEqualTo(known(node1));
    assertThat(nodeAt(d, assigned)).isEqualTo(known(node1));
    chain.assertReverts(() -> as(alice).setNode(d, node2).send(), "NotDeviceOwner");

    later();
    long reassigned = timestampOf(as(bob).setNode(d, node2).send());
    assertThat(nodeAt(d, reassigned)).isEqualTo(known(node2));
    assertThat(managed(node2)).isEqualTo(1);
  }

  @Test
  void managedDevicesCountsAssignedDevicesUntilTheirOemRevokesThem() throws Exception {
    Credentials first = registeredDevice();
    Credentials second = registeredDevice();
    bind(first, alice);
    bind(second, alice);
    as(alice).setNode(first.getAddress(), node1).send();
    long assigned = timestampOf(as(alice).setNode(second.getAddress(), node1).send());
    assertThat(managed(node1)).isEqualTo(2);

    later();
    oem.registry().revokeDevice(first.getAddress()).send();
    assertThat(managed(node1)).isEqualTo(1);
    chain.assertReverts(
        () -> as(alice).setNode(first.getAddress(), NOBODY).send(), "DeviceNotActive");
    // The history stays readable for windows before the revocation.
    assertThat(nodeAt(first.getAddress(), assigned)).isEqualTo(known(node1));
  }

  @Test
  void revokedAtIsTheEarliestOfTheDevicesOwnAndItsOemsRevocation() throws Exception {
    Credentials early = registeredDevice();
    Credentials other = registeredDevice();
    bind(other, alice);
    as(alice).setNode(other.getAddress(), node1).send();
    assertThat(read().revokedAt(other.getAddress()).send()).isZero();

    later();
    long own = timestampOf(oem.registry().revokeDevice(early.getAddress()).send());
    assertThat(read().revokedAt(early.getAddress()).send().longValueExact()).isEqualTo(own);

    later();
    TransactionReceipt revoked =
        chain.govern(chain.devices(chain.admin()), d -> d.revokeOem(oem.account().getAddress()));
    long byOem = timestampOf(revoked);
    assertThat(DeviceRegistry.getOemRevokedEvents(revoked).get(0).revokedAt.longValueExact())
        .isEqualTo(byOem);
    assertThat(read().revokedAt(early.getAddress()).send().longValueExact()).isEqualTo(own);
    assertThat(read().revokedAt(other.getAddress()).send().longValueExact()).isEqualTo(byOem);
    assertThat(read().revokedAt(Oem.newDeviceKey().getAddress()).send()).isZero();
    assertThat(read().getOem(oem.account().getAddress()).send().revokedAt.longValueExact())
        .isEqualTo(byOem);
    // Devices of a revoked OEM keep counting: nothing loops over them (see managedDevices).
    assertThat(managed(node1)).isEqualTo(1);
  }

  @Test
  void maxRatedPowerWIsTheLargestRatingOfAnyModelEverRegistered() throws Exception {
    assertThat(read().maxRatedPowerW().send().longValueExact()).isEqualTo(5_000);
    oem.model(DeviceClass.HOME_BATTERY, 3_000, 6_000);
    assertThat(read().maxRatedPowerW().send().longValueExact()).isEqualTo(5_000);
    Oem chargers = Oem.admit(chain, chain.account(2), "Chargers Inc");
    chargers.model(DeviceClass.EV_CHARGER, 11_000, 0);
    assertThat(read().maxRatedPowerW().send().longValueExact()).isEqualTo(11_000);
    chain.govern(chain.devices(chain.admin()), d -> d.suspendOem(chain.account(2).getAddress()));
    assertThat(read().maxRatedPowerW().send().longValueExact()).isEqualTo(11_000);
  }

  private Credentials registeredDevice() throws Exception {
    Credentials device = Oem.newDeviceKey();
    DeviceCertificate cert =
        Oem.certificate(device, batteryModel, DeviceClass.HOME_BATTERY, 5_000, 13_500);
    as(chain.account(7)).registerDevice(cert.toContractStruct(), oem.sign(cert)).send();
    return device;
  }

  /** Binds {@code owner} one step later; returns the bind's block timestamp. */
  private long bind(Credentials device, Credentials owner) throws Exception {
    later();
    byte[] sig =
        DeviceRegistryIT.bindSignature(
            device, owner.getAddress(), read().nonces(device.getAddress()).send(), oem.domain());
    return timestampOf(
        as(chain.account(9)).bindOwner(device.getAddress(), owner.getAddress(), sig).send());
  }

  /** Moves the device from {@code from} to {@code to} one step later; returns the accept time. */
  private long transfer(String device, Credentials from, Credentials to) throws Exception {
    later();
    as(from).offerOwnership(device, to.getAddress()).send();
    later();
    return timestampOf(as(to).acceptOwnership(device).send());
  }

  /** Test-only Anvil switch: with automine off, sent transactions wait in the pool. */
  private void automine(boolean on) throws Exception {
    new Request<>(
            "evm_setAutomine",
            List.of(on),
            new HttpService(chain.anvil().rpcUrl()),
            VoidResponse.class)
        .send();
  }

  /** Signs and sends one call with an explicit nonce, so several can wait for the same block. */
  private String sendRaw(Credentials from, BigInteger nonce, String data) throws Exception {
    RawTransaction tx =
        RawTransaction.createTransaction(
            nonce,
            Transactions.GAS_PRICE,
            BigInteger.valueOf(300_000),
            chain.deployment().deviceRegistry(),
            data);
    byte[] signed = TransactionEncoder.signMessage(tx, chain.anvil().chainId(), from);
    var sent = chain.anvil().web3j().ethSendRawTransaction(Numeric.toHexString(signed)).send();
    assertThat(sent.hasError()).as(String.valueOf(sent.getError())).isFalse();
    return sent.getTransactionHash();
  }

  private TransactionReceipt receipt(String hash) throws Exception {
    return chain
        .anvil()
        .web3j()
        .ethGetTransactionReceipt(hash)
        .send()
        .getTransactionReceipt()
        .orElseThrow();
  }

  private void later() {
    chain.anvil().increaseTime(STEP);
  }

  private long timestampOf(TransactionReceipt receipt) throws Exception {
    return chain
        .anvil()
        .web3j()
        .ethGetBlockByHash(receipt.getBlockHash(), false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact();
  }

  private Tuple2<String, Boolean> ownerAt(String device, long t) throws Exception {
    return lower(read().ownerAt(device, BigInteger.valueOf(t)).send());
  }

  private Tuple2<String, Boolean> nodeAt(String device, long t) throws Exception {
    return lower(read().nodeAt(device, BigInteger.valueOf(t)).send());
  }

  private long managed(String node) throws Exception {
    return read().managedDevices(node).send().longValueExact();
  }

  private static Tuple2<String, Boolean> lower(Tuple2<String, Boolean> t) {
    return new Tuple2<>(t.component1().toLowerCase(), t.component2());
  }

  private static Tuple2<String, Boolean> known(String account) {
    return new Tuple2<>(account.toLowerCase(), true);
  }

  private static Tuple2<String, Boolean> unknown() {
    return new Tuple2<>(NOBODY, false);
  }

  private DeviceRegistry read() {
    return chain.devices(chain.account(0));
  }

  private DeviceRegistry as(Credentials account) {
    return chain.devices(account);
  }
}
