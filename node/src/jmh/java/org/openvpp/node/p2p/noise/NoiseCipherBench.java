package org.openvpp.node.p2p.noise;

import java.nio.ByteBuffer;
import java.util.Random;
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

/**
 * The Noise transport cipher (the JDK's ChaCha20-Poly1305 through {@link CipherState}, exactly as
 * the stream uses it) on full Noise frames of 65,519 plaintext bytes, one thread: the ceiling for
 * one stream direction per core. {@code seal} encrypts one frame; {@code sealAndOpen} encrypts it
 * and decrypts it on the peer's twin state (what one frame costs the two ends together). Each call
 * checks its result, so a broken cipher fails the run instead of producing a figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class NoiseCipherBench {
  /** Plaintext bytes of one full Noise frame. */
  public static final int FRAME = NoiseChannel.MAX_PLAINTEXT;

  private final byte[] plain = new byte[FRAME];
  private final byte[] sealed = new byte[FRAME + CipherState.TAG_LENGTH];
  private CipherState sender;
  private CipherState twinSender;
  private CipherState twinReceiver;

  @Setup(Level.Trial)
  public void prepare() {
    new Random(1).nextBytes(plain);
    byte[] key = new byte[32];
    new Random(2).nextBytes(key);
    sender = new CipherState(key);
    twinSender = new CipherState(key);
    twinReceiver = new CipherState(key);
  }

  @Benchmark
  public int seal() {
    int n = sender.encryptInto(ByteBuffer.wrap(plain), sealed, 0);
    if (n != sealed.length) {
      throw new IllegalStateException("sealed " + n + " bytes");
    }
    return sealed[n - 1];
  }

  @Benchmark
  public int sealAndOpen() {
    twinSender.encryptInto(ByteBuffer.wrap(plain), sealed, 0);
    byte[] opened =
        twinReceiver
            .decrypt(sealed, 0, sealed.length)
            .orElseThrow(() -> new IllegalStateException("authentication failed"));
    if (opened.length != FRAME || opened[FRAME - 1] != plain[FRAME - 1]) {
      throw new IllegalStateException("opened frame differs");
    }
    return opened[0];
  }
}
