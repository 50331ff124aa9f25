package org.openvpp.node.p2p.reqresp;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The response envelope of a request/response protocol: status (1), payload (2), error text (3).
 */
public record Response(Status status, byte[] payload, String error) {
  /** Outcome codes on the wire. */
  public enum Status {
    OK(0),
    NOT_FOUND(1),
    BAD_REQUEST(2),
    SERVER_ERROR(3);

    private final int code;

    Status(int code) {
      this.code = code;
    }

    static Optional<Status> of(int code) {
      for (Status s : values()) {
        if (s.code == code) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  public static Response ok(byte[] payload) {
    return new Response(Status.OK, payload, "");
  }

  public static Response error(Status status, String error) {
    return new Response(status, new byte[0], error);
  }

  byte[] encode() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 16);
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeUInt32(1, status.code);
      out.writeByteArray(2, payload);
      if (!error.isEmpty()) {
        out.writeString(3, error);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Optional<Response> decode(byte[] bytes) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      Optional<Status> status = Optional.of(Status.OK);
      byte[] payload = new byte[0];
      String error = "";
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag) {
          case 8 -> status = Status.of(in.readUInt32());
          case 18 -> payload = in.readByteArray();
          case 26 -> error = in.readString();
          default -> in.skipField(tag);
        }
      }
      byte[] p = payload;
      String e = error;
      return status.map(s -> new Response(s, p, e));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
