package org.openvpp.testnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.OwnerBinding;
import org.openvpp.contracts.identity.RegistryDomain;
import org.openvpp.contracts.tx.Transactions;
import org.openvpp.testnet.round.MeterDevice;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/** Home batteries on a running testnet: the OEM's model, certified devices bound to owners. */
public final class TestDevices {
  private static final long CAPACITY_WH = 13_500;

  private TestDevices() {}

  /** The DeviceRegistry as {@code as} sends to it. */
  public static DeviceRegistry registry(LocalTestnet net, Credentials as) {
    return DeviceRegistry.load(
        net.deployment().deviceRegistry(),
        net.chain().web3j(),
        Transactions.manager(net.chain().web3j(), as, net.chain().chainId()),
        Transactions.gas());
  }

  /** The testnet's OEM registers a home-battery model of {@code ratedW}; returns its id. */
  public static long batteryModel(LocalTestnet net, Credentials oem, long ratedW) throws Exception {
    DeviceRegistry asOem = registry(net, oem);
    long model = asOem.modelCount().send().longValueExact();
    asOem
        .registerModel(
            BigInteger.ZERO, BigInteger.valueOf(ratedW), BigInteger.valueOf(CAPACITY_WH), "Battery")
        .send();
    return model;
  }

  /** OEM-signed certificate registered by the owner, then bound with the device's signature. */
  public static MeterDevice certifyAndBind(
      LocalTestnet net, Credentials oem, long model, long ratedW, Credentials owner)
      throws Exception {
    Credentials deviceKey = Credentials.create(Keys.createEcKeyPair());
    DeviceCertificate cert =
        DeviceCertificate.withRandomSerial(
            deviceKey.getAddress(), model, DeviceClass.HOME_BATTERY, ratedW, CAPACITY_WH);
    var domain = RegistryDomain.of(net.chain().chainId(), net.deployment().deviceRegistry());
    DeviceRegistry asOwner = registry(net, owner);
    asOwner
        .registerDevice(
            cert.toContractStruct(), Signatures.sign(cert.digest(domain), oem.getEcKeyPair()))
        .send();
    BigInteger nonce = asOwner.nonces(deviceKey.getAddress()).send();
    byte[] bind =
        Signatures.sign(
            new OwnerBinding(owner.getAddress(), nonce).digest(domain), deviceKey.getEcKeyPair());
    asOwner.bindOwner(deviceKey.getAddress(), owner.getAddress(), bind).send();
    assertThat(asOwner.ownerOf(deviceKey.getAddress()).send())
        .isEqualToIgnoringCase(owner.getAddress());
    return new MeterDevice(deviceKey, owner.getAddress(), ratedW);
  }
}
