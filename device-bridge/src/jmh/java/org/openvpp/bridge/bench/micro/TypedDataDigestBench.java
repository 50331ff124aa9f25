package org.openvpp.bridge.bench.micro;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.contracts.evidence.MeterReading;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * The EIP-712 digest of a meter reading (struct hash + domain separator, Keccak-256). The set-up
 * checks it against Web3j's independent typed-data encoder; each call compares with that digest.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class TypedDataDigestBench {
  private static final String DEVICE = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

  private final MeterReading reading =
      new MeterReading(DEVICE, 42, Fixtures.T0, 1_234, 56, 1_000, 500);
  private byte[] expected;

  @Setup(Level.Trial)
  public void reference() throws Exception {
    String json =
        """
        {"types":{"EIP712Domain":[{"name":"name","type":"string"},\
        {"name":"version","type":"string"},{"name":"chainId","type":"uint256"},\
        {"name":"verifyingContract","type":"address"}],\
        "MeterReading":[{"name":"device","type":"address"},{"name":"sequence","type":"uint64"},\
        {"name":"timestampMs","type":"uint64"},{"name":"importWh","type":"uint64"},\
        {"name":"exportWh","type":"uint64"},{"name":"powerW","type":"int64"},\
        {"name":"socPermille","type":"uint16"}]},\
        "primaryType":"MeterReading",\
        "domain":{"name":"OpenVPP Meter","version":"1","chainId":%s,"verifyingContract":"%s"},\
        "message":{"device":"%s","sequence":42,"timestampMs":%d,"importWh":1234,\
        "exportWh":56,"powerW":1000,"socPermille":500}}
        """
            .formatted(Fixtures.CHAIN_ID, Fixtures.REGISTRY, DEVICE, Fixtures.T0);
    expected = new StructuredDataEncoder(json).hashStructuredData();
    if (!Arrays.equals(expected, Fixtures.TYPED.digest(reading))) {
      throw new IllegalStateException("EIP-712 digest differs from Web3j's typed-data encoder");
    }
  }

  @Benchmark
  public byte[] meterReadingDigest() {
    byte[] d = Fixtures.TYPED.digest(reading);
    if (!Arrays.equals(d, expected)) {
      throw new IllegalStateException("digest changed");
    }
    return d;
  }
}
