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
import org.openvpp.bridge.crypto.AddressRecovery;
import org.openvpp.bridge.crypto.JavaRecovery;
import org.openvpp.bridge.crypto.NativeRecovery;
import org.openvpp.bridge.crypto.NativeSigning;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.testkit.Fixtures;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;

/**
 * Signature recovery on one thread: Web3j/BouncyCastle against libsecp256k1 (ACINQ JNI). Every
 * recovered address is compared with the signer; a mismatch or an empty result fails the run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class SignatureRecoveryBench {
  private static final int SIGNATURES = 1024;

  private final AddressRecovery java = new JavaRecovery();
  private AddressRecovery nativePath;
  private byte[][] digests;
  private byte[][] signatures;
  private String signer;
  private int next;

  @Setup(Level.Trial)
  public void sign() {
    ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(77));
    signer = new Signer(Fixtures.TYPED, key).address();
    nativePath = NativeRecovery.load().orElseThrow();
    NativeSigning signing = NativeSigning.forKey(key).orElseThrow();
    digests = new byte[SIGNATURES][];
    signatures = new byte[SIGNATURES][];
    for (int i = 0; i < SIGNATURES; i++) {
      digests[i] = Hash.sha3(BigInteger.valueOf(i).toByteArray());
      signatures[i] = signing.sign(digests[i]);
    }
  }

  @Benchmark
  public String javaRecovery() {
    return checked(java);
  }

  @Benchmark
  public String nativeRecovery() {
    return checked(nativePath);
  }

  private String checked(AddressRecovery path) {
    int i = next++ & (SIGNATURES - 1);
    String recovered = path.recover(digests[i], signatures[i]).orElse("none");
    if (!recovered.equals(signer)) {
      throw new IllegalStateException(path.name() + " recovered " + recovered + " not " + signer);
    }
    return recovered;
  }
}
