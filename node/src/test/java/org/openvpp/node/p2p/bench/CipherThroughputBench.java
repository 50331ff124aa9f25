package org.openvpp.node.p2p.bench;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Single-thread encryption speed of the JDK's ChaCha20-Poly1305 on Noise-sized frames: the ceiling
 * for one Noise stream direction, measured in the same run to explain the stream figure.
 */
final class CipherThroughputBench {
  private CipherThroughputBench() {}

  static double encryptMBps(long totalBytes) throws Exception {
    Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
    SecretKeySpec key = new SecretKeySpec(new byte[32], "ChaCha20");
    byte[] frame = new byte[65519];
    long nonce = 0;
    run(cipher, key, frame, nonce, totalBytes / 4); // warm-up
    nonce += totalBytes / 4 / frame.length + 1;
    long start = System.nanoTime();
    long done = run(cipher, key, frame, nonce, totalBytes);
    return done / 1e6 / ((System.nanoTime() - start) / 1e9);
  }

  private static long run(Cipher cipher, SecretKeySpec key, byte[] frame, long nonce, long total)
      throws Exception {
    long done = 0;
    for (long n = nonce; done < total; n++) {
      byte[] iv = new byte[12];
      for (int i = 0; i < 8; i++) {
        iv[4 + i] = (byte) (n >>> (8 * i));
      }
      cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
      cipher.doFinal(frame);
      done += frame.length;
    }
    return done;
  }
}
