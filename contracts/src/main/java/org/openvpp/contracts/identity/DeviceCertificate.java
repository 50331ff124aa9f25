package org.openvpp.contracts.identity;

import java.math.BigInteger;
import org.openvpp.contracts.eip712.AbiWords;
import org.openvpp.contracts.eip712.Eip712;
import org.openvpp.contracts.eip712.Eip712Domain;
import org.openvpp.contracts.eip712.StructHasher;
import org.openvpp.contracts.generated.DeviceRegistry;

/**
 * What an OEM vouches for one device: the Java twin of {@code DeviceRegistry.Certificate}. Signed
 * as EIP-712 typed data for single registration, or hashed as a StandardMerkleTree leaf of types
 * {@link #LEAF_TYPES} for batch onboarding.
 *
 * @param ratedPowerW rated active power in W (≤ the model's)
 * @param capacityWh usable capacity in Wh (0 for devices without storage)
 * @param serialHash keccak256 of the serial number, so the serial itself stays off-chain
 */
public record DeviceCertificate(
    String device,
    KeyType keyType,
    long modelId,
    long ratedPowerW,
    long capacityWh,
    DeviceClass deviceClass,
    byte[] serialHash) {

  public static final String TYPE =
      "DeviceCertificate(address device,uint8 keyType,uint32 modelId,uint32 ratedPowerW,"
          + "uint32 capacityWh,uint8 deviceClass,bytes32 serialHash)";
  public static final byte[] TYPEHASH = Eip712.typeHash(TYPE);

  /** The OpenZeppelin StandardMerkleTree leaf types, in field order. */
  public static final String[] LEAF_TYPES = {
    "address", "uint8", "uint32", "uint32", "uint32", "uint8", "bytes32"
  };

  private static final long UINT32_MAX = 0xffff_ffffL;

  /**
   * A secp256k1 certificate for {@code device} with a random 16-byte serial (hashed), for simulated
   * and test devices that have no factory serial.
   */
  public static DeviceCertificate withRandomSerial(
      String device, long modelId, DeviceClass deviceClass, long ratedPowerW, long capacityWh) {
    byte[] serial = new byte[16];
    new java.security.SecureRandom().nextBytes(serial);
    return new DeviceCertificate(
        device,
        KeyType.SECP256K1,
        modelId,
        ratedPowerW,
        capacityWh,
        deviceClass,
        org.web3j.crypto.Hash.sha3(serial));
  }

  public DeviceCertificate {
    device = AbiWords.checkAddress(device);
    checkUint32("modelId", modelId);
    checkUint32("ratedPowerW", ratedPowerW);
    checkUint32("capacityWh", capacityWh);
    serialHash = AbiWords.bytes32(serialHash);
  }

  public byte[] structHash() {
    return new StructHasher(TYPEHASH, 7)
        .address(device)
        .uint(keyType.ordinal())
        .uint(modelId)
        .uint(ratedPowerW)
        .uint(capacityWh)
        .uint(deviceClass.ordinal())
        .bytes32(serialHash)
        .hash();
  }

  public byte[] digest(Eip712Domain registryDomain) {
    return Eip712.digest(registryDomain, structHash());
  }

  /** abi.encode of the fields: the preimage of the Merkle leaf. */
  public byte[] abiEncoded() {
    byte[][] words = {
      AbiWords.address(device),
      AbiWords.uint256(keyType.ordinal()),
      AbiWords.uint256(modelId),
      AbiWords.uint256(ratedPowerW),
      AbiWords.uint256(capacityWh),
      AbiWords.uint256(deviceClass.ordinal()),
      serialHash
    };
    byte[] out = new byte[32 * words.length];
    for (int i = 0; i < words.length; i++) {
      System.arraycopy(words[i], 0, out, 32 * i, 32);
    }
    return out;
  }

  /** The value as the generated wrapper takes it. */
  public DeviceRegistry.Certificate toContractStruct() {
    return new DeviceRegistry.Certificate(
        device,
        BigInteger.valueOf(keyType.ordinal()),
        BigInteger.valueOf(modelId),
        BigInteger.valueOf(ratedPowerW),
        BigInteger.valueOf(capacityWh),
        BigInteger.valueOf(deviceClass.ordinal()),
        serialHash.clone());
  }

  @Override
  public byte[] serialHash() {
    return serialHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceCertificate c
        && device.equals(c.device)
        && keyType == c.keyType
        && modelId == c.modelId
        && ratedPowerW == c.ratedPowerW
        && capacityWh == c.capacityWh
        && deviceClass == c.deviceClass
        && java.util.Arrays.equals(serialHash, c.serialHash);
  }

  @Override
  public int hashCode() {
    return device.hashCode() * 31 + java.util.Arrays.hashCode(serialHash);
  }

  @Override
  public String toString() {
    return "DeviceCertificate[" + device + ", model " + modelId + ", " + deviceClass + "]";
  }

  private static void checkUint32(String name, long value) {
    if (value < 0 || value > UINT32_MAX) {
      throw new IllegalArgumentException(name + " must fit in uint32: " + value);
    }
  }
}
