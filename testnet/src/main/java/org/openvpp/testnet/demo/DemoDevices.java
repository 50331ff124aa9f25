package org.openvpp.testnet.demo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.openvpp.contracts.devchain.DevAccounts;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.OwnerBinding;
import org.openvpp.contracts.identity.RegistryDomain;
import org.openvpp.contracts.tx.Transactions;
import org.openvpp.testnet.round.DevChain;
import org.openvpp.testnet.round.MeterDevice;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * Simulated home batteries with identities as real ones get them: the OEM signs each certificate,
 * the device is registered with it and bound to its owner by the device key's own signature. Both
 * calls are open to any sender, so the admin pays the gas. Assigning the device to the node that
 * reports it takes the owner's own transaction: the demo sends it when the owner is a dev account
 * of the public test mnemonic (the default owner is), otherwise it says how the owner does it.
 */
final class DemoDevices {
  static final String MODEL_NAME = "Demo battery 5 kW";
  static final long RATED_W = 5_000;
  static final long CAPACITY_WH = 13_500;

  /** Dev accounts whose keys the demo may use for the owner ({@code ./vpp testnet} funds 10). */
  private static final int DEV_ACCOUNTS = 10;

  /** How far back to look for the demo model: a dev chain has a handful of models. */
  private static final int MODEL_SEARCH_LIMIT = 1_000;

  private final DevChain chain;
  private final String registryAddress;
  private final Credentials oem;
  private final Credentials payer;

  DemoDevices(DevChain chain, String registryAddress, Credentials oem, Credentials payer) {
    this.chain = chain;
    this.registryAddress = registryAddress;
    this.oem = oem;
    this.payer = payer;
  }

  /**
   * Certifies, registers and binds {@code count} fresh devices to {@code owner}, and assigns them
   * to {@code node} when the owner's key is a dev account's.
   */
  List<MeterDevice> certifyAndBind(String owner, String node, int count, Consumer<String> say)
      throws Exception {
    DeviceRegistry asOem = registry(oem);
    if (!asOem.isOemAdmitted(oem.getAddress()).send()) {
      throw new DemoException(
          DemoException.WRONG_NETWORK,
          "the testnet OEM "
              + oem.getAddress()
              + " is not admitted on this chain: is it a network ./vpp testnet started?");
    }
    long model = demoModel(asOem);
    var domain = RegistryDomain.of(chain.chainId(), registryAddress);
    DeviceRegistry asPayer = registry(payer);
    Optional<Credentials> ownerKey = devAccount(owner);
    List<MeterDevice> devices = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Credentials key = Credentials.create(Keys.createEcKeyPair());
      DeviceCertificate cert =
          DeviceCertificate.withRandomSerial(
              key.getAddress(), model, DeviceClass.HOME_BATTERY, RATED_W, CAPACITY_WH);
      asPayer
          .registerDevice(
              cert.toContractStruct(), Signatures.sign(cert.digest(domain), oem.getEcKeyPair()))
          .send();
      BigInteger nonce = asPayer.nonces(key.getAddress()).send();
      byte[] bind =
          Signatures.sign(new OwnerBinding(owner, nonce).digest(domain), key.getEcKeyPair());
      asPayer.bindOwner(key.getAddress(), owner, bind).send();
      String assigned = "";
      if (ownerKey.isPresent()) {
        registry(ownerKey.get()).setNode(key.getAddress(), node).send();
        assigned = ", assigned by the owner to node " + node;
      }
      say.accept(
          "device "
              + key.getAddress()
              + " certified by the OEM (model "
              + model
              + "), registered, bound to "
              + owner
              + assigned);
      devices.add(new MeterDevice(key, owner, RATED_W));
    }
    if (ownerKey.isEmpty()) {
      say.accept(
          "the owner's key is not a dev account's: assign the devices to node "
              + node
              + " with `vpp-wallet device assign-node DEVICE "
              + node
              + "` before their windows, or their evidence is provably not that node's");
    }
    return devices;
  }

  private static Optional<Credentials> devAccount(String address) {
    for (int i = 0; i < DEV_ACCOUNTS; i++) {
      Credentials c = DevAccounts.derive(DevAccounts.TEST_MNEMONIC, i);
      if (c.getAddress().equalsIgnoreCase(address)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The OEM's demo model from an earlier run, or a new one: runs do not pile up models. */
  private long demoModel(DeviceRegistry asOem) throws Exception {
    long count = asOem.modelCount().send().longValueExact();
    for (long id = count - 1; id >= 0 && id >= count - MODEL_SEARCH_LIMIT; id--) {
      DeviceRegistry.Model m = asOem.getModel(BigInteger.valueOf(id)).send();
      if (m.oem.equalsIgnoreCase(oem.getAddress()) && MODEL_NAME.equals(m.name)) {
        return id;
      }
    }
    var receipt =
        asOem
            .registerModel(
                BigInteger.valueOf(DeviceClass.HOME_BATTERY.ordinal()),
                BigInteger.valueOf(RATED_W),
                BigInteger.valueOf(CAPACITY_WH),
                MODEL_NAME)
            .send();
    // The id from the event, not modelCount: another wallet may register a model meanwhile.
    return DeviceRegistry.getModelRegisteredEvents(receipt).get(0).modelId.longValueExact();
  }

  private DeviceRegistry registry(Credentials as) {
    return DeviceRegistry.load(
        registryAddress,
        chain.web3j(),
        Transactions.manager(chain.web3j(), as, chain.chainId()),
        Transactions.gas());
  }
}
