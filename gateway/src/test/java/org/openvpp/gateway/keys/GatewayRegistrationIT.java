package org.openvpp.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.directory.ChainDeviceDirectory;
import org.openvpp.bridge.directory.RegisteredDevice;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.identity.Assurance;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.GatewayBinding;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Oem;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

/**
 * The gateway's keys on a real chain: the gateway identity and a device key from the gateway's
 * wallet files register the device behind the gateway, and the node's chain-backed directory then
 * reports it as gateway-signed.
 */
@ExtendWith(AnvilExtension.class)
class GatewayRegistrationIT {
  @TempDir Path dir;

  @Test
  void aDeviceRegisteredWithTheGatewaysKeysIsSeenAsGatewaySignedByTheBridge(Anvil anvil)
      throws Exception {
    ChainFixture chain = new ChainFixture(anvil);
    Oem oem = Oem.admit(chain, chain.account(1), "Acme Gateways");
    long model = oem.model(DeviceClass.GATEWAY, 10_000, 20_000);
    GatewayKeyring ring =
        new GatewayKeyring(dir, Optional.empty(), Map.of(GatewayKeyring.PASSWORD_ENV, "pw"));
    GatewayKeyring.create(dir.resolve(GatewayKeyring.GATEWAY_FILE), "pw", true);
    GatewayKeyring.create(ring.deviceFile("battery-1"), "pw", true);
    Credentials gateway = ring.gateway();
    Credentials battery = ring.device("battery-1");
    DeviceCertificate cert = Oem.certificate(gateway, model, DeviceClass.GATEWAY, 10_000, 20_000);
    chain.devices(chain.account(7)).registerDevice(cert.toContractStruct(), oem.sign(cert)).send();

    GatewayBinding binding =
        new GatewayBinding(
            battery.getAddress(),
            gateway.getAddress(),
            DeviceClass.HOME_BATTERY,
            5_000,
            10_000,
            Hash.sha3("BAT-5K-0001".getBytes(StandardCharsets.UTF_8)));
    GatewayRegistration r = GatewayRegistration.sign(binding, gateway, battery, oem.domain());
    chain
        .devices(chain.account(7))
        .registerBehindGateway(
            binding.toContractStruct(), r.gatewaySignature(), r.deviceSignature())
        .send();

    ChainDeviceDirectory directory =
        new ChainDeviceDirectory(
            anvil.web3j(), chain.deployment().deviceRegistry(), Clock.systemUTC(), 0);
    RegisteredDevice seen = directory.find(battery.getAddress()).orElseThrow();
    assertThat(seen.assurance()).isEqualTo(Assurance.GATEWAY_SIGNED);
    assertThat(seen.gateway()).isEqualToIgnoringCase(gateway.getAddress());
    assertThat(seen.deviceClass()).isEqualTo(DeviceClass.HOME_BATTERY);
    assertThat(seen.active()).isTrue();
    RegisteredDevice gw = directory.find(gateway.getAddress()).orElseThrow();
    assertThat(gw.assurance()).isEqualTo(Assurance.DEVICE_SIGNED);
    assertThat(gw.deviceClass()).isEqualTo(DeviceClass.GATEWAY);
  }

  @Test
  void refusesToSignABindingForOtherKeys() {
    Credentials a = Oem.newDeviceKey();
    Credentials b = Oem.newDeviceKey();
    GatewayBinding binding =
        new GatewayBinding(
            a.getAddress(), b.getAddress(), DeviceClass.PV_INVERTER, 1, 0, new byte[32]);
    var domain = org.openvpp.contracts.identity.RegistryDomain.of(31337, a.getAddress());
    assertThatThrownBy(() -> GatewayRegistration.sign(binding, a, a, domain))
        .hasMessageContaining("another gateway");
    assertThatThrownBy(() -> GatewayRegistration.sign(binding, b, b, domain))
        .hasMessageContaining("another device");
  }
}
