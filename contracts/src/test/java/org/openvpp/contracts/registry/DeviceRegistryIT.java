package org.openvpp.contracts.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.eip712.Eip712Domain;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.KeyType;
import org.openvpp.contracts.identity.OwnerBinding;
import org.openvpp.contracts.identity.RegistryDomain;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Oem;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/** DeviceRegistry on a real Anvil: single registration, binding, transfer, revocation. */
@ExtendWith(AnvilExtension.class)
class DeviceRegistryIT {
  private ChainFixture chain;
  private Oem oem;
  private long batteryModel;

  @BeforeEach
  void deploy(Anvil anvil) throws Exception {
    chain = new ChainFixture(anvil);
    oem = Oem.admit(chain, chain.account(1), "Acme Batteries");
    batteryModel = oem.model(DeviceClass.HOME_BATTERY, 5_000, 13_500);
  }

  @Test
  void registersADeviceFromAnOemSignedCertificate() throws Exception {
    Credentials device = Oem.newDeviceKey();
    DeviceCertificate cert =
        Oem.certificate(device, batteryModel, DeviceClass.HOME_BATTERY, 5_000, 13_500);

    var receipt = registry(7).registerDevice(cert.toContractStruct(), oem.sign(cert)).send();

    assertThat(DeviceRegistry.getDeviceRegisteredEvents(receipt)).hasSize(1);
    DeviceRegistry.Device d = registry(7).getDevice(device.getAddress()).send();
    assertThat(d.status).isEqualTo(BigInteger.ONE);
    assertThat(d.oem).isEqualToIgnoringCase(oem.account().getAddress());
    assertThat(d.ratedPowerW).isEqualTo(BigInteger.valueOf(5_000));
    assertThat(d.capacityWh).isEqualTo(BigInteger.valueOf(13_500));
    assertThat(d.owner).isEqualTo("0x0000000000000000000000000000000000000000");
    assertThat(DeviceRegistry.getDeviceRegisteredEvents(receipt).get(0).serialHash)
        .isEqualTo(cert.serialHash());
    assertThat(registry(7).isActive(device.getAddress()).send()).isTrue();
    assertThat(registry(7).deviceCount().send()).isEqualTo(BigInteger.ONE);
  }

  @Test
  void javaAndContractAgreeOnTheCertificateAndBindDigests() throws Exception {
    Credentials device = Oem.newDeviceKey();
    DeviceCertificate cert =
        Oem.certificate(device, batteryModel, DeviceClass.HOME_BATTERY, 4_000, 10_000);
    assertThat(registry(0).hashCertificate(cert.toContractStruct()).send())
        .isEqualTo(cert.digest(oem.domain()));
    assertThat(registry(0).domainSeparator().send()).isEqualTo(oem.domain().separator());
    String owner = chain.account(2).getAddress();
    assertThat(registry(0).hashBind(device.getAddress(), owner).send())
        .isEqualTo(new OwnerBinding(owner, BigInteger.ZERO).digest(oem.domain()));
  }

  @Test
  void rejectsACertificateSignedByAnotherOem() throws Exception {
    Oem other = Oem.admit(chain, chain.account(2), "Other OEM");
    DeviceCertificate cert = batteryCert(Oem.newDeviceKey());
    chain.assertReverts(
        () -> registry(7).registerDevice(cert.toContractStruct(), other.sign(cert)).send(),
        "InvalidOemSignature");
  }

  @Test
  void rejectsACertificateSignedByAStranger() throws Exception {
    DeviceCertificate cert = batteryCert(Oem.newDeviceKey());
    byte[] forged = Signatures.sign(cert.digest(oem.domain()), Oem.newDeviceKey().getEcKeyPair());
    chain.assertReverts(
        () -> registry(7).registerDevice(cert.toContractStruct(), forged).send(),
        "InvalidOemSignature");
  }

  @Test
  void rejectsCertificatesOfASuspendedOem() throws Exception {
    DeviceCertificate cert = batteryCert(Oem.newDeviceKey());
    byte[] signature = oem.sign(cert);
    chain.govern(chain.devices(chain.admin()), d -> d.suspendOem(oem.account().getAddress()));
    chain.assertReverts(
        () -> registry(7).registerDevice(cert.toContractStruct(), signature).send(),
        "OemNotAdmitted");
  }

  @Test
  void rejectsACertificateSignedForAnotherChain() throws Exception {
    DeviceCertificate cert = batteryCert(Oem.newDeviceKey());
    Eip712Domain mainnet = RegistryDomain.of(1, chain.deployment().deviceRegistry());
    chain.assertReverts(
        () -> registry(7).registerDevice(cert.toContractStruct(), oem.sign(cert, mainnet)).send(),
        "InvalidOemSignature");
  }

  @Test
  void rejectsACertificateSignedForAnotherRegistry() throws Exception {
    DeviceCertificate cert = batteryCert(Oem.newDeviceKey());
    Eip712Domain elsewhere =
        RegistryDomain.of(chain.anvil().chainId(), chain.deployment().nodeRegistry());
    chain.assertReverts(
        () -> registry(7).registerDevice(cert.toContractStruct(), oem.sign(cert, elsewhere)).send(),
        "InvalidOemSignature");
  }

  @Test
  void rejectsTheSameDeviceTwice() throws Exception {
    DeviceCertificate cert = batteryCert(Oem.newDeviceKey());
    registry(7).registerDevice(cert.toContractStruct(), oem.sign(cert)).send();
    chain.assertReverts(
        () -> registry(8).registerDevice(cert.toContractStruct(), oem.sign(cert)).send(),
        "DeviceAlreadyRegistered");
  }

  @Test
  void rejectsACertificateAboveTheModelRatingOrOfAnotherClass() throws Exception {
    Credentials key = Oem.newDeviceKey();
    DeviceCertificate tooStrong =
        Oem.certificate(key, batteryModel, DeviceClass.HOME_BATTERY, 5_001, 13_500);
    chain.assertReverts(
        () -> registry(7).registerDevice(tooStrong.toContractStruct(), oem.sign(tooStrong)).send(),
        "CertificateMismatch");
    DeviceCertificate wrongClass =
        Oem.certificate(key, batteryModel, DeviceClass.EV_CHARGER, 5_000, 0);
    chain.assertReverts(
        () ->
            registry(7).registerDevice(wrongClass.toContractStruct(), oem.sign(wrongClass)).send(),
        "CertificateMismatch");
  }

  @Test
  void rejectsP256KeysUntilTheyAreSupported() throws Exception {
    DeviceCertificate c = batteryCert(Oem.newDeviceKey());
    DeviceCertificate p256 =
        new DeviceCertificate(
            c.device(),
            KeyType.P256,
            c.modelId(),
            c.ratedPowerW(),
            c.capacityWh(),
            c.deviceClass(),
            c.serialHash());
    chain.assertReverts(
        () -> registry(7).registerDevice(p256.toContractStruct(), oem.sign(p256)).send(),
        "UnsupportedKeyType");
  }

  @Test
  void onlyAdmittedOemsPublishModelsAndOnlyGovernanceAdmitsOems() throws Exception {
    chain.assertReverts(
        () ->
            chain
                .devices(chain.account(5))
                .registerModel(BigInteger.ZERO, BigInteger.TEN, BigInteger.TEN, "x")
                .send(),
        "OemNotAdmitted");
    chain.assertReverts(
        () ->
            chain.devices(chain.account(5)).admitOem(chain.account(5).getAddress(), "self").send(),
        "AccessControlUnauthorizedAccount");
    chain.assertReverts(
        () ->
            oem.registry()
                .registerModel(
                    BigInteger.ZERO, BigInteger.valueOf(5_000), BigInteger.ZERO, "no capacity")
                .send(),
        "InvalidModel");
    chain.assertReverts(
        () ->
            chain.govern(
                chain.devices(chain.admin()), d -> d.admitOem(oem.account().getAddress(), "again")),
        "OemAlreadyAdmitted");
  }

  @Test
  void bindsTheFirstOwnerWithADeviceSignature() throws Exception {
    Credentials device = registeredDevice();
    String owner = chain.account(3).getAddress();
    byte[] sig = bindSignature(device, owner, BigInteger.ZERO, oem.domain());

    registry(9).bindOwner(device.getAddress(), owner, sig).send();

    assertThat(registry(9).ownerOf(device.getAddress()).send()).isEqualToIgnoringCase(owner);
    assertThat(registry(9).nonces(device.getAddress()).send()).isEqualTo(BigInteger.ONE);
    chain.assertReverts(
        () -> registry(9).bindOwner(device.getAddress(), owner, sig).send(), "OwnerAlreadyBound");
  }

  @Test
  void rejectsBindSignaturesThatAreForgedStaleOrForAnotherChain() throws Exception {
    Credentials device = registeredDevice();
    String owner = chain.account(3).getAddress();
    byte[] byStranger = bindSignature(Oem.newDeviceKey(), owner, BigInteger.ZERO, oem.domain());
    byte[] wrongNonce = bindSignature(device, owner, BigInteger.ONE, oem.domain());
    byte[] otherChain =
        bindSignature(
            device,
            owner,
            BigInteger.ZERO,
            RegistryDomain.of(10, chain.deployment().deviceRegistry()));
    byte[] forOtherOwner =
        bindSignature(device, chain.account(4).getAddress(), BigInteger.ZERO, oem.domain());
    for (byte[] bad : new byte[][] {byStranger, wrongNonce, otherChain, forOtherOwner}) {
      chain.assertReverts(
          () -> registry(9).bindOwner(device.getAddress(), owner, bad).send(),
          "InvalidDeviceSignature");
    }
    chain.assertReverts(
        () -> registry(9).bindOwner(Oem.newDeviceKey().getAddress(), owner, byStranger).send(),
        "UnknownDevice");
  }

  @Test
  void ownershipMovesOnlyWhenOfferedAndAccepted() throws Exception {
    Credentials device = registeredDevice();
    Credentials alice = chain.account(3);
    Credentials bob = chain.account(4);
    registry(9)
        .bindOwner(
            device.getAddress(),
            alice.getAddress(),
            bindSignature(device, alice.getAddress(), BigInteger.ZERO, oem.domain()))
        .send();

    chain.assertReverts(
        () -> chain.devices(bob).offerOwnership(device.getAddress(), bob.getAddress()).send(),
        "NotDeviceOwner");
    chain.assertReverts(
        () -> chain.devices(bob).acceptOwnership(device.getAddress()).send(), "NotPendingOwner");

    chain.devices(alice).offerOwnership(device.getAddress(), bob.getAddress()).send();
    assertThat(registry(0).ownerOf(device.getAddress()).send())
        .isEqualToIgnoringCase(alice.getAddress());
    chain.assertReverts(
        () -> chain.devices(chain.account(5)).acceptOwnership(device.getAddress()).send(),
        "NotPendingOwner");

    var receipt = chain.devices(bob).acceptOwnership(device.getAddress()).send();
    assertThat(DeviceRegistry.getOwnershipTransferredEvents(receipt)).hasSize(1);
    assertThat(registry(0).ownerOf(device.getAddress()).send())
        .isEqualToIgnoringCase(bob.getAddress());
    assertThat(registry(0).pendingOwnerOf(device.getAddress()).send())
        .isEqualTo("0x0000000000000000000000000000000000000000");
  }

  @Test
  void aCancelledOfferCannotBeAccepted() throws Exception {
    Credentials device = registeredDevice();
    Credentials alice = chain.account(3);
    registry(9)
        .bindOwner(
            device.getAddress(),
            alice.getAddress(),
            bindSignature(device, alice.getAddress(), BigInteger.ZERO, oem.domain()))
        .send();
    chain.devices(alice).offerOwnership(device.getAddress(), chain.account(4).getAddress()).send();
    chain.devices(alice).cancelOwnershipOffer(device.getAddress()).send();
    chain.assertReverts(
        () -> chain.devices(chain.account(4)).acceptOwnership(device.getAddress()).send(),
        "NotPendingOwner");
    chain.assertReverts(
        () -> chain.devices(alice).cancelOwnershipOffer(device.getAddress()).send(),
        "NoPendingOffer");
  }

  @Test
  void onlyTheDevicesOemRevokesItAndARevokedDeviceIsInert() throws Exception {
    Credentials device = registeredDevice();
    Oem other = Oem.admit(chain, chain.account(2), "Other OEM");
    chain.assertReverts(
        () -> other.registry().revokeDevice(device.getAddress()).send(), "NotDeviceOem");

    var receipt = oem.registry().revokeDevice(device.getAddress()).send();
    assertThat(DeviceRegistry.getDeviceRevokedEvents(receipt)).hasSize(1);
    assertThat(registry(0).isActive(device.getAddress()).send()).isFalse();
    assertThat(registry(0).getDevice(device.getAddress()).send().status).isEqualTo(BigInteger.TWO);
    String owner = chain.account(3).getAddress();
    chain.assertReverts(
        () ->
            registry(9)
                .bindOwner(
                    device.getAddress(),
                    owner,
                    bindSignature(device, owner, BigInteger.ZERO, oem.domain()))
                .send(),
        "DeviceNotActive");
    chain.assertReverts(
        () -> oem.registry().revokeDevice(device.getAddress()).send(), "DeviceNotActive");
  }

  @Test
  void governanceRevokesACompromisedOemAndWithItEveryDeviceOfItsModels() throws Exception {
    // The OEM's signing key leaks; the attacker certifies devices it controls and registers them.
    Credentials forged = registeredDevice();
    String attacker = chain.account(6).getAddress();
    byte[] bind = bindSignature(forged, attacker, BigInteger.ZERO, oem.domain());
    // Suspending alone only stops new registrations.
    chain.govern(chain.devices(chain.admin()), d -> d.suspendOem(oem.account().getAddress()));
    assertThat(registry(0).isActive(forged.getAddress()).send()).isTrue();
    chain.assertReverts(
        () -> chain.devices(chain.account(6)).revokeOem(oem.account().getAddress()).send(),
        "AccessControlUnauthorizedAccount");

    var receipt =
        chain.govern(chain.devices(chain.admin()), d -> d.revokeOem(oem.account().getAddress()));

    long revokedAt =
        chain
            .anvil()
            .web3j()
            .ethGetBlockByHash(receipt.getBlockHash(), false)
            .send()
            .getBlock()
            .getTimestamp()
            .longValueExact();
    assertThat(DeviceRegistry.getOemRevokedEvents(receipt)).hasSize(1);
    assertThat(registry(0).isActive(forged.getAddress()).send()).isFalse();
    assertThat(registry(0).getDevice(forged.getAddress()).send().status).isEqualTo(BigInteger.TWO);
    assertThat(registry(0).revokedAt(forged.getAddress()).send().longValueExact())
        .isEqualTo(revokedAt);
    chain.assertReverts(
        () -> registry(9).bindOwner(forged.getAddress(), attacker, bind).send(), "DeviceNotActive");
    assertThat(registry(0).ownerOf(forged.getAddress()).send())
        .isEqualTo("0x0000000000000000000000000000000000000000");
    chain.assertReverts(
        () ->
            chain.govern(
                chain.devices(chain.admin()), d -> d.admitOem(oem.account().getAddress(), "again")),
        "OemIsRevoked");
    chain.assertReverts(
        () ->
            chain.govern(
                chain.devices(chain.admin()), d -> d.revokeOem(oem.account().getAddress())),
        "OemIsRevoked");
  }

  private DeviceRegistry registry(int account) {
    return chain.devices(chain.account(account));
  }

  private DeviceCertificate batteryCert(Credentials device) {
    return Oem.certificate(device, batteryModel, DeviceClass.HOME_BATTERY, 5_000, 13_500);
  }

  private Credentials registeredDevice() throws Exception {
    Credentials device = Oem.newDeviceKey();
    DeviceCertificate cert = batteryCert(device);
    registry(7).registerDevice(cert.toContractStruct(), oem.sign(cert)).send();
    return device;
  }

  static byte[] bindSignature(
      Credentials device, String owner, BigInteger nonce, Eip712Domain domain) {
    return Signatures.sign(new OwnerBinding(owner, nonce).digest(domain), device.getEcKeyPair());
  }

  static String hex(byte[] b) {
    return Numeric.toHexString(b);
  }
}
