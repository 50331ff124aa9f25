package org.openvpp.contracts.evidence;

import java.math.BigInteger;
import org.openvpp.contracts.eip712.Eip712;
import org.openvpp.contracts.eip712.Eip712Domain;
import org.openvpp.contracts.eip712.StructHasher;

/**
 * The EIP-712 typed data of device-signed meter readings (normative in docs/device-protocol.md
 * §5.2): domain {@code "OpenVPP Meter"} version 1 bound to the chain and the DeviceRegistry. The
 * device bridge verifies readings with it and Settlement recomputes the same digest on-chain.
 */
public final class MeterTypedData {
  public static final String METER_READING_TYPE =
      "MeterReading(address device,uint64 sequence,uint64 timestampMs,uint64 importWh,"
          + "uint64 exportWh,int64 powerW,uint16 socPermille)";
  private static final byte[] METER_READING_TYPEHASH = Eip712.typeHash(METER_READING_TYPE);

  private final byte[] separator;

  /** The digest function of one deployment: chain id and DeviceRegistry address. */
  public MeterTypedData(BigInteger chainId, String deviceRegistry) {
    this.separator = domain(chainId, deviceRegistry).separator();
  }

  public static Eip712Domain domain(BigInteger chainId, String deviceRegistry) {
    return new Eip712Domain("OpenVPP Meter", "1", chainId, deviceRegistry);
  }

  /** The digest a device signs for {@code r}. */
  public byte[] digest(MeterReading r) {
    byte[] struct =
        new StructHasher(METER_READING_TYPEHASH, 7)
            .address(r.device())
            .uint(r.sequence())
            .uint(r.timestampMs())
            .uint(r.importWh())
            .uint(r.exportWh())
            .int256(r.powerW())
            .uint(r.socPermille())
            .hash();
    return Eip712.digest(separator, struct);
  }
}
