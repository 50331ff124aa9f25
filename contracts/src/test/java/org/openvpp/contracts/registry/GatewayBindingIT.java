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
import org.openvpp.contracts.identity.Assurance;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.GatewayBinding;
import org.openvpp.contracts.identity.RegistryDomain;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Oem;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

/**
 * Devices behind a gateway on a real Anvil: the gateway is an OEM-certified device of class
 * Gateway; it and the device key both sign the binding; the assurance level is readable; forged,
 * replayed and out-of-bounds registrations revert; revoking the gateway revokes its devices.
 */
@ExtendWith(AnvilExtension.class)
class GatewayBindingIT {
  private static final String ZERO = "0x0000000000000000000000000000000000000000";

  private ChainFixture chain;
  private Oem oem;
  private long gatewayModel;
  private Credentials gateway;

  @BeforeEach
  void deploy(Anvil anvil) throws Exception {
    chain = new ChainFixture(anvil);
    oem = Oem.admit(chain, chain.account(1), "Acme Gateways");
    // Each device behind a gateway of this model: at most 10 kW and 20 kWh.
    gatewayModel = oem.model(DeviceClass.GATEWAY, 10_000, 20_000);
    gateway = Oem.newDeviceKey();
    DeviceCertificate cert =
        Oem.certificate(gateway, gatewayModel, DeviceClass.GATEWAY, 10_000, 20_000);
    registry(7).registerDevice(cert.toContractStruct(), oem.sign(cert)).send();
  }

  @Test
  void registersABoundDeviceWithTheGatewayAssuranceLevel() throws Exception {
    Credentials battery = Oem.newDeviceKey();
    GatewayBinding b = binding(battery, gateway, DeviceClass.HOME_BATTERY, 5_000, 13_500);

    var receipt =
        registry(7)
            .registerBehindGateway(b.toContractStruct(), sign(b, gateway), sign(b, battery))
            .send();

    assertThat(DeviceRegistry.getDeviceBoundToGatewayEvents(receipt)).hasSize(1);
    assertThat(registry(7).gatewayOf(battery.getAddress()).send())
        .isEqualToIgnoringCase(gateway.getAddress());
    assertThat(registry(7).assuranceOf(battery.getAddress()).send())
        .isEqualTo(BigInteger.valueOf(Assurance.GATEWAY_SIGNED.ordinal()));
    DeviceRegistry.Device d = registry(7).getDevice(battery.getAddress()).send();
    assertThat(d.status).isEqualTo(BigInteger.ONE);
    assertThat(d.deviceClass).isEqualTo(BigInteger.valueOf(DeviceClass.HOME_BATTERY.ordinal()));
    assertThat(d.oem).isEqualToIgnoringCase(oem.account().getAddress());
    assertThat(d.ratedPowerW).isEqualTo(BigInteger.valueOf(5_000));
    // The gateway itself and ordinary devices sign their own readings.
    assertThat(registry(7).assuranceOf(gateway.getAddress()).send())
        .isEqualTo(BigInteger.valueOf(Assurance.DEVICE_SIGNED.ordinal()));
    assertThat(registry(7).gatewayOf(gateway.getAddress()).send()).isEqualTo(ZERO);
  }

  @Test
  void javaAndContractAgreeOnTheBindingDigest() throws Exception {
    GatewayBinding b = binding(Oem.newDeviceKey(), gateway, DeviceClass.PV_INVERTER, 8_000, 0);
    assertThat(registry(0).hashGatewayBinding(b.toContractStruct()).send())
        .isEqualTo(b.digest(oem.domain()));
  }

  @Test
  void rejectsABindingNotSignedByTheGateway() throws Exception {
    Credentials battery = Oem.newDeviceKey();
    GatewayBinding b = binding(battery, gateway, DeviceClass.HOME_BATTERY, 5_000, 13_500);
    byte[] forged = sign(b, Oem.newDeviceKey());
    chain.assertReverts(
        () ->
            registry(7)
                .registerBehindGateway(b.toContractStruct(), forged, sign(b, battery))
                .send(),
        "InvalidGatewaySignature");
  }

  @Test
  void rejectsABindingWithoutTheDeviceKeysSignature() throws Exception {
    // The gateway cannot squat an address whose key it does not hold.
    Credentials someoneElses = Oem.newDeviceKey();
    GatewayBinding b = binding(someoneElses, gateway, DeviceClass.HOME_BATTERY, 5_000, 13_500);
    chain.assertReverts(
        () ->
            registry(7)
                .registerBehindGateway(b.toContractStruct(), sign(b, gateway), sign(b, gateway))
                .send(),
        "InvalidDeviceSignature");
  }

  @Test
  void rejectsAReplayedRegistration() throws Exception {
    Credentials battery = Oem.newDeviceKey();
    GatewayBinding b = binding(battery, gateway, DeviceClass.HOME_BATTERY, 5_000, 13_500);
    byte[] g = sign(b, gateway);
    byte[] d = sign(b, battery);
    registry(7).registerBehindGateway(b.toContractStruct(), g, d).send();
    chain.assertReverts(
        () -> registry(8).registerBehindGateway(b.toContractStruct(), g, d).send(),
        "DeviceAlreadyRegistered");
  }

  @Test
  void rejectsSignaturesMadeForAnotherChainOrRegistry() throws Exception {
    Credentials battery = Oem.newDeviceKey();
    GatewayBinding b = binding(battery, gateway, DeviceClass.HOME_BATTERY, 5_000, 13_500);
    Eip712Domain mainnet = RegistryDomain.of(1, chain.deployment().deviceRegistry());
    Eip712Domain elsewhere =
        RegistryDomain.of(chain.anvil().chainId(), chain.deployment().nodeRegistry());
    for (Eip712Domain other : new Eip712Domain[] {mainnet, elsewhere}) {
      byte[] g = Signatures.sign(b.digest(other), gateway.getEcKeyPair());
      byte[] d = Signatures.sign(b.digest(other), battery.getEcKeyPair());
      chain.assertReverts(
          () -> registry(7).registerBehindGateway(b.toContractStruct(), g, d).send(),
          "InvalidGatewaySignature");
    }
  }

  @Test
  void onlyAnActiveGatewayClassDeviceIsAGateway() throws Exception {
    long batteryModel = oem.model(DeviceClass.HOME_BATTERY, 5_000, 13_500);
    Credentials notAGateway = Oem.newDeviceKey();
    DeviceCertificate cert =
        Oem.certificate(notAGateway, batteryModel, DeviceClass.HOME_BATTERY, 5_000, 13_500);
    registry(7).registerDevice(cert.toContractStruct(), oem.sign(cert)).send();
    Credentials unknown = Oem.newDeviceKey();
    for (Credentials fake : new Credentials[] {notAGateway, unknown}) {
      Credentials battery = Oem.newDeviceKey();
      GatewayBinding b = binding(battery, fake, DeviceClass.HOME_BATTERY, 5_000, 13_500);
      chain.assertReverts(
          () ->
              registry(7)
                  .registerBehindGateway(b.toContractStruct(), sign(b, fake), sign(b, battery))
                  .send(),
          "NotAGateway");
    }
  }

  @Test
  void rejectsDevicesBeyondTheGatewayModelOrOfTheWrongShape() throws Exception {
    Object[][] bad = {
      {DeviceClass.HOME_BATTERY, 10_001L, 13_500L}, // above the model's rated power
      {DeviceClass.HOME_BATTERY, 5_000L, 20_001L}, // above the model's capacity
      {DeviceClass.HOME_BATTERY, 5_000L, 0L}, // storage without capacity
      {DeviceClass.GATEWAY, 5_000L, 0L}, // a gateway behind a gateway
      {DeviceClass.PV_INVERTER, 0L, 0L}, // no rated power
    };
    for (Object[] row : bad) {
      Credentials k = Oem.newDeviceKey();
      GatewayBinding b = binding(k, gateway, (DeviceClass) row[0], (Long) row[1], (Long) row[2]);
      chain.assertReverts(
          () ->
              registry(7)
                  .registerBehindGateway(b.toContractStruct(), sign(b, gateway), sign(b, k))
                  .send(),
          "CertificateMismatch");
    }
  }

  @Test
  void revokingTheGatewayRevokesEveryDeviceBehindIt() throws Exception {
    Credentials battery = Oem.newDeviceKey();
    GatewayBinding b = binding(battery, gateway, DeviceClass.HOME_BATTERY, 5_000, 13_500);
    registry(7)
        .registerBehindGateway(b.toContractStruct(), sign(b, gateway), sign(b, battery))
        .send();
    assertThat(registry(7).isActive(battery.getAddress()).send()).isTrue();

    oem.registry().revokeDevice(gateway.getAddress()).send();

    assertThat(registry(7).isActive(battery.getAddress()).send()).isFalse();
    assertThat(registry(7).getDevice(battery.getAddress()).send().status).isEqualTo(BigInteger.TWO);
    assertThat(registry(7).revokedAt(battery.getAddress()).send())
        .isEqualTo(registry(7).revokedAt(gateway.getAddress()).send())
        .isPositive();
    Credentials next = Oem.newDeviceKey();
    GatewayBinding late = binding(next, gateway, DeviceClass.HOME_BATTERY, 5_000, 13_500);
    chain.assertReverts(
        () ->
            registry(7)
                .registerBehindGateway(
                    late.toContractStruct(), sign(late, gateway), sign(late, next))
                .send(),
        "NotAGateway");
  }

  private static GatewayBinding binding(
      Credentials device, Credentials gateway, DeviceClass cls, long powerW, long capacityWh) {
    return new GatewayBinding(
        device.getAddress(),
        gateway.getAddress(),
        cls,
        powerW,
        capacityWh,
        Hash.sha3(device.getAddress().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private byte[] sign(GatewayBinding b, Credentials key) {
    return Signatures.sign(b.digest(oem.domain()), key.getEcKeyPair());
  }

  private DeviceRegistry registry(int account) {
    return chain.devices(chain.account(account));
  }
}
