package org.openvpp.contracts.identity;

/**
 * Signature scheme of a device key, in the order of {@code DeviceRegistry.KeyType}. Only SECP256K1
 * registers today; P256 is reserved for hardware secure elements (EIP-7951).
 */
public enum KeyType {
  SECP256K1,
  P256
}
