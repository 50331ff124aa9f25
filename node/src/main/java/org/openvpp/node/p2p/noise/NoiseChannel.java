package org.openvpp.node.p2p.noise;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.net.Buffers;
import org.openvpp.node.p2p.net.ByteQueue;
import org.openvpp.node.p2p.net.Channel;

/**
 * Noise transport messages over the raw channel: each frame is a 2-byte big-endian length and at
 * most 65535 bytes of ChaCha20-Poly1305 ciphertext. A frame failing authentication kills the
 * connection (the nonces can no longer agree).
 *
 * <p>Every byte of a stream passes through here, so the path avoids copies: plaintext is read in
 * place, ciphertext is sealed straight into the outgoing array, and decrypted frames are handed on
 * without copying (profiling showed buffer allocation and copying next to the cipher itself).
 */
public final class NoiseChannel extends Channel {
  static final int MAX_PLAINTEXT = 65535 - CipherState.TAG_LENGTH;
  private static final int FRAME_OVERHEAD = 2 + CipherState.TAG_LENGTH;
  private final Channel raw;
  private final CipherState sender;
  private final CipherState receiver;
  private final Consumer<RejectReason> onViolation;
  private final ByteQueue queue = new ByteQueue();
  private boolean broken;

  NoiseChannel(
      Channel raw, CipherState sender, CipherState receiver, Consumer<RejectReason> onViolation) {
    this.raw = raw;
    this.sender = sender;
    this.receiver = receiver;
    this.onViolation = onViolation;
    raw.endHandler(this::remoteEnded);
    raw.handler(this::onCiphertext);
  }

  /** One socket write per call, however many Noise frames the data needs. */
  @Override
  public void write(Buffer data) {
    ByteBuffer plain = Buffers.view(data);
    int length = plain.remaining();
    int frames = Math.max(1, (length + MAX_PLAINTEXT - 1) / MAX_PLAINTEXT);
    byte[] out = new byte[length + frames * FRAME_OVERHEAD];
    int at = 0;
    for (int frame = 0; frame < frames; frame++) {
      int n = Math.min(MAX_PLAINTEXT, plain.remaining());
      ByteBuffer piece = plain.slice();
      piece.limit(n);
      plain.position(plain.position() + n);
      int sealed = sender.encryptInto(piece, out, at + 2);
      out[at] = (byte) (sealed >>> 8);
      out[at + 1] = (byte) sealed;
      at += 2 + sealed;
    }
    raw.write(Buffers.wrap(out, at));
  }

  private void onCiphertext(Buffer data) {
    if (broken) {
      return;
    }
    queue.append(data);
    while (!broken && queue.consumeUint16Prefixed(this::openFrame)) {
      // each complete frame was decrypted and delivered by openFrame
    }
  }

  private void openFrame(byte[] array, int offset, int length) {
    Optional<byte[]> plain = receiver.decrypt(array, offset, length);
    if (plain.isEmpty()) {
      broken = true;
      onViolation.accept(RejectReason.NOISE_DECRYPT_FAILED);
      raw.close();
      return;
    }
    if (plain.get().length > 0) {
      deliver(Buffers.wrap(plain.get()));
    }
  }

  @Override
  public void close() {
    raw.close();
  }
}
