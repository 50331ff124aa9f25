package org.openvpp.node.p2p.noise;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The libp2p {@code NoiseHandshakePayload}: identity key (1), signature over the Noise static key
 * (2); extensions (4) are ignored, so peers fall back to multistream for the muxer.
 */
record HandshakePayload(byte[] identityKey, byte[] identitySignature) {
  byte[] encode() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeByteArray(1, identityKey);
      out.writeByteArray(2, identitySignature);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Optional<HandshakePayload> decode(byte[] bytes) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      byte[] key = null;
      byte[] sig = null;
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag) {
          case 10 -> key = in.readByteArray();
          case 18 -> sig = in.readByteArray();
          default -> in.skipField(tag);
        }
      }
      return key == null || sig == null
          ? Optional.empty()
          : Optional.of(new HandshakePayload(key, sig));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
