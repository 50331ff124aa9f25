package org.openvpp.node.p2p.reqresp;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Wire messages of {@code /vpp/evidence/1.0.0}: a request names an evidence root and a page; the
 * batch carries opaque leaf records (encoded by the node) and whether more pages follow.
 */
public final class EvidenceMessages {
  public static final String PROTOCOL = "/vpp/evidence/1.0.0";
  public static final int MAX_PAGE = 1024;

  private EvidenceMessages() {}

  /** Protocol defaults: 1 KiB requests, 4 MiB responses, 10 s per exchange. */
  public static RequestResponseProtocol protocol() {
    return new RequestResponseProtocol(PROTOCOL, 1024, 4 << 20, 10_000);
  }

  /** root (1), offset (2), limit (3). */
  public record EvidenceRequest(byte[] root, int offset, int limit) {
    public byte[] encode() {
      return write(
          out -> {
            out.writeByteArray(1, root);
            out.writeUInt32(2, offset);
            out.writeUInt32(3, limit);
          });
    }

    /** Empty unless the root is 32 bytes and the page is within bounds. */
    public static Optional<EvidenceRequest> decode(byte[] bytes) {
      try {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        byte[] root = null;
        int offset = 0;
        int limit = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
          switch (tag) {
            case 10 -> root = in.readByteArray();
            case 16 -> offset = in.readUInt32();
            case 24 -> limit = in.readUInt32();
            default -> in.skipField(tag);
          }
        }
        boolean valid =
            root != null && root.length == 32 && offset >= 0 && limit > 0 && limit <= MAX_PAGE;
        return valid ? Optional.of(new EvidenceRequest(root, offset, limit)) : Optional.empty();
      } catch (IOException e) {
        return Optional.empty();
      }
    }
  }

  /** leaves (1, repeated), more (2). */
  public record EvidenceBatch(List<byte[]> leaves, boolean more) {
    public EvidenceBatch {
      leaves = List.copyOf(leaves);
    }

    public byte[] encode() {
      return write(
          out -> {
            for (byte[] leaf : leaves) {
              out.writeByteArray(1, leaf);
            }
            out.writeBool(2, more);
          });
    }

    public static Optional<EvidenceBatch> decode(byte[] bytes) {
      try {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<byte[]> leaves = new ArrayList<>();
        boolean more = false;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
          switch (tag) {
            case 10 -> leaves.add(in.readByteArray());
            case 16 -> more = in.readBool();
            default -> in.skipField(tag);
          }
        }
        return Optional.of(new EvidenceBatch(leaves, more));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
  }

  private interface Writer {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] write(Writer w) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      w.write(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
