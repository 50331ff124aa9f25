package org.openvpp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvpp.bridge.crypto.AddressRecovery;
import org.openvpp.bridge.directory.ChainDeviceDirectory;
import org.openvpp.bridge.directory.DeviceStatus;
import org.openvpp.bridge.directory.RegisteredDevice;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.TypedData;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.sim.SimClock;
import org.openvpp.bridge.verify.CursorTable;
import org.openvpp.bridge.verify.ReadingVerifier;
import org.openvpp.contracts.deploy.Deployer;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.governance.Governance;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.KeyType;
import org.openvpp.contracts.identity.RegistryDomain;
import org.openvpp.contracts.tx.Transactions;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;

/** The chain-backed directory against a real Anvil with a deployed DeviceRegistry. */
class ChainDeviceDirectoryIT {
  @Test
  void seesRegisteredDevicesAndRevocationsAfterItsCacheExpires() throws Exception {
    try (Anvil anvil = Anvil.start()) {
      Credentials admin = anvil.credentials(0);
      Credentials oem = anvil.credentials(1);
      Deployment deployment =
          new Deployer(anvil.web3j(), admin, anvil.chainId())
              .deploy(DeploymentParameters.defaults());
      String registryAddress = deployment.deviceRegistry();
      DeviceRegistry governed = registry(anvil, registryAddress, admin);
      Governance.of(anvil.web3j(), admin, deployment)
          .run(registryAddress, governed.admitOem(oem.getAddress(), "Acme"));
      DeviceRegistry asOem = registry(anvil, registryAddress, oem);
      asOem
          .registerModel(
              BigInteger.ZERO, BigInteger.valueOf(5_000), BigInteger.valueOf(13_500), "B5")
          .send();
      ECKeyPair deviceKey = ECKeyPair.create(BigInteger.valueOf(123_456_789));
      TypedData typed = new TypedData(BigInteger.valueOf(anvil.chainId()), registryAddress);
      Signer device = new Signer(typed, deviceKey);
      DeviceCertificate cert =
          new DeviceCertificate(
              device.address(),
              KeyType.SECP256K1,
              0,
              5_000,
              13_500,
              org.openvpp.contracts.identity.DeviceClass.HOME_BATTERY,
              Hash.sha3(new byte[] {1, 2, 3}));
      byte[] oemSig =
          Signatures.sign(
              cert.digest(RegistryDomain.of(anvil.chainId(), registryAddress)), oem.getEcKeyPair());
      asOem.registerDevice(cert.toContractStruct(), oemSig).send();

      SimClock clock = new SimClock(System.currentTimeMillis());
      ChainDeviceDirectory directory =
          new ChainDeviceDirectory(anvil.web3j(), registryAddress, clock, 60_000);
      Optional<RegisteredDevice> found = directory.find(device.address());
      assertThat(found).isPresent();
      assertThat(found.get().status()).isEqualTo(DeviceStatus.ACTIVE);
      assertThat(found.get().deviceClass()).isEqualTo(DeviceClass.HOME_BATTERY);
      assertThat(found.get().ratedPowerW()).isEqualTo(5_000);
      assertThat(found.get().capacityWh()).isEqualTo(13_500);
      assertThat(directory.find("0x" + "ab".repeat(20))).isEmpty();

      ReadingVerifier verifier =
          new ReadingVerifier(
              typed, AddressRecovery.fastest(), directory, (d, s) -> Optional.empty(), clock);
      CursorTable cursors = new CursorTable();
      byte[] first = reading(device, 1, clock.millis());
      assertThat(verifier.verify(device.address(), first, cursors).isOk()).isTrue();

      asOem.revokeDevice(device.address()).send();
      assertThat(directory.find(device.address()).orElseThrow().active()).isTrue(); // cached
      clock.advance(60_000);
      assertThat(directory.find(device.address()).orElseThrow().status())
          .isEqualTo(DeviceStatus.REVOKED);
      byte[] second = reading(device, 2, clock.millis());
      assertThat(verifier.verify(device.address(), second, cursors).reason())
          .contains(RejectionReason.REVOKED_DEVICE);
    }
  }

  private static byte[] reading(Signer device, long seq, long ts) {
    return WireCodec.encode(
        device.sign(new MeterReading(device.address(), seq, ts, seq, 0, -100, 500)));
  }

  private static DeviceRegistry registry(Anvil anvil, String address, Credentials as) {
    return DeviceRegistry.load(
        address,
        anvil.web3j(),
        Transactions.manager(anvil.web3j(), as, anvil.chainId()),
        Transactions.gas());
  }
}
