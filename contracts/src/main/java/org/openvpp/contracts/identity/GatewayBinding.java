package org.openvpp.contracts.identity;

import java.math.BigInteger;
import org.openvpp.contracts.eip712.AbiWords;
import org.openvpp.contracts.eip712.Eip712;
import org.openvpp.contracts.eip712.Eip712Domain;
import org.openvpp.contracts.eip712.StructHasher;
import org.openvpp.contracts.generated.DeviceRegistry;

/**
 * The Java twin of {@code DeviceRegistry.GatewayBinding}: a device registered behind a gateway. The
 * gateway's key and the device's key both sign {@link #digest} (EIP-712, registry domain).
 *
 * @param ratedPowerW W (≤ the gateway model's rated power)
 * @param capacityWh Wh (≤ the gateway model's capacity; > 0 for storage classes)
 * @param serialHash keccak256 of the device's serial (the inverter's or charger's own serial)
 */
public record GatewayBinding(
    String device,
    String gateway,
    DeviceClass deviceClass,
    long ratedPowerW,
    long capacityWh,
    byte[] serialHash) {

  public static final String TYPE =
      "GatewayBinding(address device,address gateway,uint8 deviceClass,uint32 ratedPowerW,"
          + "uint32 capacityWh,bytes32 serialHash)";
  public static final byte[] TYPEHASH = Eip712.typeHash(TYPE);

  public GatewayBinding {
    device = AbiWords.checkAddress(device);
    gateway = AbiWords.checkAddress(gateway);
    if (ratedPowerW < 0
        || ratedPowerW > 0xffff_ffffL
        || capacityWh < 0
        || capacityWh > 0xffff_ffffL) {
      throw new IllegalArgumentException("ratedPowerW and capacityWh must fit uint32");
    }
    serialHash = AbiWords.bytes32(serialHash);
  }

  public byte[] structHash() {
    return new StructHasher(TYPEHASH, 6)
        .address(device)
        .address(gateway)
        .uint(deviceClass.ordinal())
        .uint(ratedPowerW)
        .uint(capacityWh)
        .bytes32(serialHash)
        .hash();
  }

  public byte[] digest(Eip712Domain registryDomain) {
    return Eip712.digest(registryDomain, structHash());
  }

  /** The value as the generated wrapper takes it. */
  public DeviceRegistry.GatewayBinding toContractStruct() {
    return new DeviceRegistry.GatewayBinding(
        device,
        gateway,
        BigInteger.valueOf(deviceClass.ordinal()),
        BigInteger.valueOf(ratedPowerW),
        BigInteger.valueOf(capacityWh),
        serialHash.clone());
  }

  @Override
  public byte[] serialHash() {
    return serialHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GatewayBinding b
        && device.equals(b.device)
        && gateway.equals(b.gateway)
        && deviceClass == b.deviceClass
        && ratedPowerW == b.ratedPowerW
        && capacityWh == b.capacityWh
        && java.util.Arrays.equals(serialHash, b.serialHash);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(device, gateway, deviceClass, ratedPowerW, capacityWh)
        ^ java.util.Arrays.hashCode(serialHash);
  }
}
