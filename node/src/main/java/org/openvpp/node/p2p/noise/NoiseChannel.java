package org.openvpp.node.p2p.noise;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import java.util.function.Consumer;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.net.ByteQueue;
import org.openvpp.node.p2p.net.Channel;

/**
 * Noise transport messages over the raw channel: each frame is a 2-byte big-endian length and at
 * most 65535 bytes of ChaCha20-Poly1305 ciphertext. A frame failing authentication kills the
 * connection (the nonces can no longer agree).
 */
public final class NoiseChannel extends Channel {
  static final int MAX_PLAINTEXT = 65535 - CipherState.TAG_LENGTH;
  private static final byte[] NO_AD = new byte[0];
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

  @Override
  public void write(Buffer data) {
    byte[] plain = data.getBytes();
    Buffer out = Buffer.buffer(plain.length + (plain.length / MAX_PLAINTEXT + 1) * 18);
    for (int at = 0; at < plain.length || (at == 0 && plain.length == 0); at += MAX_PLAINTEXT) {
      int n = Math.min(MAX_PLAINTEXT, plain.length - at);
      byte[] sealed = sender.encrypt(NO_AD, plain, at, n);
      out.appendUnsignedShort(sealed.length).appendBytes(sealed);
      if (plain.length == 0) {
        break;
      }
    }
    raw.write(out);
  }

  private void onCiphertext(Buffer data) {
    if (broken) {
      return;
    }
    queue.append(data);
    for (Optional<byte[]> frame = queue.takeUint16Prefixed();
        frame.isPresent();
        frame = queue.takeUint16Prefixed()) {
      Optional<byte[]> plain = receiver.decrypt(NO_AD, frame.get());
      if (plain.isEmpty()) {
        broken = true;
        onViolation.accept(RejectReason.NOISE_DECRYPT_FAILED);
        raw.close();
        return;
      }
      if (plain.get().length > 0) {
        deliver(Buffer.buffer(plain.get()));
      }
    }
  }

  @Override
  public void close() {
    raw.close();
  }
}
