package org.openvpp.bridge.protocol;

import java.math.BigInteger;
import org.openvpp.contracts.eip712.Eip712;
import org.openvpp.contracts.eip712.Eip712Domain;
import org.openvpp.contracts.eip712.StructHasher;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.MeterTypedData;

/**
 * The EIP-712 typed data of the device protocol. Two domains, both bound to the chain and to the
 * DeviceRegistry contract: {@code "OpenVPP Meter"} for device-signed readings (verified on-chain by
 * Settlement) and {@code "OpenVPP Dispatch"} for node-signed commands and heartbeats.
 */
public final class TypedData {
  public static final String METER_READING_TYPE = MeterTypedData.METER_READING_TYPE;
  public static final String DISPATCH_COMMAND_TYPE =
      "DispatchCommand(address node,address device,uint64 commandId,int64 targetPowerW,"
          + "uint64 validFromMs,uint64 validUntilMs)";
  public static final String HEARTBEAT_TYPE =
      "Heartbeat(address node,uint64 sequence,uint64 timestampMs)";

  private static final byte[] DISPATCH_COMMAND_TYPEHASH = Eip712.typeHash(DISPATCH_COMMAND_TYPE);
  private static final byte[] HEARTBEAT_TYPEHASH = Eip712.typeHash(HEARTBEAT_TYPE);

  private final MeterTypedData meter;
  private final byte[] dispatchSeparator;

  /** Domains for a deployment: chain id and DeviceRegistry address. */
  public TypedData(BigInteger chainId, String deviceRegistry) {
    meter = new MeterTypedData(chainId, deviceRegistry);
    dispatchSeparator = dispatchDomain(chainId, deviceRegistry).separator();
  }

  public static Eip712Domain meterDomain(BigInteger chainId, String deviceRegistry) {
    return MeterTypedData.domain(chainId, deviceRegistry);
  }

  public static Eip712Domain dispatchDomain(BigInteger chainId, String deviceRegistry) {
    return new Eip712Domain("OpenVPP Dispatch", "1", chainId, deviceRegistry);
  }

  public byte[] digest(MeterReading r) {
    return meter.digest(r);
  }

  public byte[] digest(DispatchCommand c) {
    byte[] struct =
        new StructHasher(DISPATCH_COMMAND_TYPEHASH, 6)
            .address(c.node())
            .address(c.device())
            .uint(c.commandId())
            .int256(c.targetPowerW())
            .uint(c.validFromMs())
            .uint(c.validUntilMs())
            .hash();
    return Eip712.digest(dispatchSeparator, struct);
  }

  public byte[] digest(Heartbeat h) {
    byte[] struct =
        new StructHasher(HEARTBEAT_TYPEHASH, 3)
            .address(h.node())
            .uint(h.sequence())
            .uint(h.timestampMs())
            .hash();
    return Eip712.digest(dispatchSeparator, struct);
  }
}
