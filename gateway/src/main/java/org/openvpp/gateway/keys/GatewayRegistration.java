package org.openvpp.gateway.keys;

import org.openvpp.contracts.eip712.Eip712Domain;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.identity.GatewayBinding;
import org.web3j.crypto.Credentials;

/**
 * The two signatures {@code DeviceRegistry.registerBehindGateway} needs for one device behind this
 * gateway: the gateway's (it vouches for the device) and the device key's (proof the gateway holds
 * it). Anyone may submit the transaction with them; the keys never leave the gateway.
 *
 * @param binding what is registered
 * @param gatewaySignature the gateway key's EIP-712 signature over the binding
 * @param deviceSignature the device key's EIP-712 signature over the same digest
 */
public record GatewayRegistration(
    GatewayBinding binding, byte[] gatewaySignature, byte[] deviceSignature) {

  /** Signs {@code binding} with both keys in the registry's EIP-712 domain. */
  public static GatewayRegistration sign(
      GatewayBinding binding, Credentials gateway, Credentials device, Eip712Domain registry) {
    if (!binding.gateway().equalsIgnoreCase(gateway.getAddress())) {
      throw new IllegalArgumentException("the binding names another gateway");
    }
    if (!binding.device().equalsIgnoreCase(device.getAddress())) {
      throw new IllegalArgumentException("the binding names another device key");
    }
    byte[] digest = binding.digest(registry);
    return new GatewayRegistration(
        binding,
        Signatures.sign(digest, gateway.getEcKeyPair()),
        Signatures.sign(digest, device.getEcKeyPair()));
  }

  @Override
  public byte[] gatewaySignature() {
    return gatewaySignature.clone();
  }

  @Override
  public byte[] deviceSignature() {
    return deviceSignature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GatewayRegistration r
        && binding.equals(r.binding)
        && java.util.Arrays.equals(gatewaySignature, r.gatewaySignature)
        && java.util.Arrays.equals(deviceSignature, r.deviceSignature);
  }

  @Override
  public int hashCode() {
    return binding.hashCode();
  }

  @Override
  public String toString() {
    return "GatewayRegistration[" + binding.device() + " behind " + binding.gateway() + "]";
  }
}
