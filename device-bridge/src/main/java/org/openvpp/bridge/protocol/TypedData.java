package org.openvpp.bridge.protocol;

import java.math.BigInteger;
import org.openvpp.contracts.eip712.Eip712;
import org.openvpp.contracts.eip712.Eip712Domain;
import org.openvpp.contracts.eip712.StructHasher;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.MeterTypedData;
import org.web3j.crypto.Hash;

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

  /** EIP-712 encodeType of a group command: the primary type, then the referenced one. */
  public static final String GROUP_COMMAND_TYPE =
      "GroupCommand(address node,uint64 commandId,uint64 validFromMs,uint64 validUntilMs,"
          + "Setpoint[] setpoints)Setpoint(address device,int64 targetPowerW)";

  public static final String SETPOINT_TYPE = "Setpoint(address device,int64 targetPowerW)";

  private static final byte[] GROUP_COMMAND_TYPEHASH = Eip712.typeHash(GROUP_COMMAND_TYPE);
  private static final byte[] SETPOINT_TYPEHASH = Eip712.typeHash(SETPOINT_TYPE);
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

  /**
   * EIP-712 digest of a group command: an array of structs is encoded as the keccak-256 of its
   * elements' struct hashes, concatenated.
   */
  public byte[] digest(GroupCommand g) {
    byte[] hashes = new byte[32 * g.setpoints().size()];
    int at = 0;
    for (GroupCommand.Setpoint s : g.setpoints()) {
      byte[] h =
          new StructHasher(SETPOINT_TYPEHASH, 2)
              .address(s.device())
              .int256(s.targetPowerW())
              .hash();
      System.arraycopy(h, 0, hashes, at, 32);
      at += 32;
    }
    byte[] struct =
        new StructHasher(GROUP_COMMAND_TYPEHASH, 5)
            .address(g.node())
            .uint(g.commandId())
            .uint(g.validFromMs())
            .uint(g.validUntilMs())
            .bytes32(Hash.sha3(hashes))
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
