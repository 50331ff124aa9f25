package org.openvpp.contracts.identity;

import org.openvpp.contracts.eip712.Eip712Domain;

/** The EIP-712 domain of a DeviceRegistry deployment (certificates and owner binding). */
public final class RegistryDomain {
  public static final String NAME = "OpenVPP DeviceRegistry";
  public static final String VERSION = "1";

  private RegistryDomain() {}

  public static Eip712Domain of(long chainId, String registryAddress) {
    return new Eip712Domain(NAME, VERSION, chainId, registryAddress);
  }
}
