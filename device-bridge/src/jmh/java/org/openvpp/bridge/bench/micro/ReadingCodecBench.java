package org.openvpp.bridge.bench.micro;

import java.math.BigInteger;
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
import org.openvpp.bridge.protocol.SignatureType;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.contracts.evidence.MeterReading;
import org.web3j.crypto.ECKeyPair;

/**
 * The reading wire codec (JSON): encode a signed reading, decode a payload. The set-up checks the
 * round trip; each call checks its own result (decoded reading equal to the one encoded, encoded
 * length equal to the reference payload's), so a broken codec fails the run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class ReadingCodecBench {
  private SignedReading reading;
  private byte[] payload;

  @Setup(Level.Trial)
  public void prepare() {
    Signer s = new Signer(Fixtures.TYPED, ECKeyPair.create(BigInteger.valueOf(123)));
    MeterReading r = new MeterReading(s.address(), 42, Fixtures.T0, 1_234, 56, -1_000, 500);
    reading = new SignedReading(r, SignatureType.SECP256K1, s.sign(r).signature());
    payload = WireCodec.encode(reading);
    if (!WireCodec.decodeReading(payload).value().orElseThrow().equals(reading)) {
      throw new IllegalStateException("codec round trip changed the reading");
    }
  }

  @Benchmark
  public byte[] encode() {
    byte[] out = WireCodec.encode(reading);
    if (out.length != payload.length) {
      throw new IllegalStateException("encoded " + out.length + " bytes, not " + payload.length);
    }
    return out;
  }

  @Benchmark
  public SignedReading decode() {
    SignedReading out = WireCodec.decodeReading(payload).value().orElseThrow();
    if (!out.equals(reading)) {
      throw new IllegalStateException("decoded " + out + " not " + reading);
    }
    return out;
  }
}
