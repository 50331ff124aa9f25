package org.openvpp.bridge.testkit;

import java.math.BigInteger;
import org.openvpp.bridge.directory.DeviceStatus;
import org.openvpp.bridge.directory.RegisteredDevice;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.TypedData;
import org.openvpp.contracts.identity.DeviceClass;
import org.web3j.crypto.ECKeyPair;

/** Shared test keys and domains. */
public final class Fixtures {
  public static final String REGISTRY = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
  public static final BigInteger CHAIN_ID = BigInteger.valueOf(31337);
  public static final TypedData TYPED = new TypedData(CHAIN_ID, REGISTRY);
  public static final long T0 = 1_767_225_600_000L;

  private Fixtures() {}

  public static Signer signer(int seed) {
    return new Signer(TYPED, ECKeyPair.create(BigInteger.valueOf(1_000_003L * seed + 7)));
  }

  public static ECKeyPair nodeKey() {
    return ECKeyPair.create(BigInteger.valueOf(1_000_003L * 100 + 7));
  }

  public static RegisteredDevice battery(String address, long ratedPowerW, long capacityWh) {
    return new RegisteredDevice(
        address,
        DeviceStatus.ACTIVE,
        DeviceClass.HOME_BATTERY,
        1,
        ratedPowerW,
        capacityWh,
        "0x" + "0".repeat(40));
  }
}
