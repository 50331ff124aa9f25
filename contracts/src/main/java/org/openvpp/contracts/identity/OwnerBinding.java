package org.openvpp.contracts.identity;

import java.math.BigInteger;
import org.openvpp.contracts.eip712.AbiWords;
import org.openvpp.contracts.eip712.Eip712;
import org.openvpp.contracts.eip712.Eip712Domain;
import org.openvpp.contracts.eip712.StructHasher;

/**
 * The device-signed {@code Bind(owner, nonce)} that binds a device's first owner. The nonce is the
 * device's current {@code DeviceRegistry.nonces(device)}, so each signature works once.
 */
public record OwnerBinding(String owner, BigInteger nonce) {
  public static final String TYPE = "Bind(address owner,uint256 nonce)";
  public static final byte[] TYPEHASH = Eip712.typeHash(TYPE);

  public OwnerBinding {
    owner = AbiWords.checkAddress(owner);
  }

  public byte[] structHash() {
    return new StructHasher(TYPEHASH, 2).address(owner).uint(nonce).hash();
  }

  public byte[] digest(Eip712Domain registryDomain) {
    return Eip712.digest(registryDomain, structHash());
  }
}
