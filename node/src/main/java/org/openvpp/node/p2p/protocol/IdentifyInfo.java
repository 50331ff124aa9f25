package org.openvpp.node.p2p.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvpp.node.p2p.multiaddr.Multiaddr;

/**
 * The identify message ({@code /ipfs/id/1.0.0}). Addresses we cannot parse are skipped, not fatal:
 * peers may listen on transports we do not speak.
 */
public record IdentifyInfo(
    String protocolVersion,
    String agentVersion,
    byte[] publicKey,
    List<Multiaddr> listenAddresses,
    Optional<Multiaddr> observedAddress,
    List<String> protocols) {
  public IdentifyInfo {
    listenAddresses = List.copyOf(listenAddresses);
    protocols = List.copyOf(protocols);
  }

  public byte[] encode() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeByteArray(1, publicKey);
      for (Multiaddr a : listenAddresses) {
        out.writeByteArray(2, a.toBytes());
      }
      for (String p : protocols) {
        out.writeString(3, p);
      }
      if (observedAddress.isPresent()) {
        out.writeByteArray(4, observedAddress.get().toBytes());
      }
      out.writeString(5, protocolVersion);
      out.writeString(6, agentVersion);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Empty when the bytes are not a well-formed identify message with a public key. */
  public static Optional<IdentifyInfo> decode(byte[] bytes) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      byte[] key = null;
      List<Multiaddr> addrs = new ArrayList<>();
      List<String> protocols = new ArrayList<>();
      Optional<Multiaddr> observed = Optional.empty();
      String protocolVersion = "";
      String agent = "";
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag) {
          case 10 -> key = in.readByteArray();
          case 18 -> parse(in.readBytes()).ifPresent(addrs::add);
          case 26 -> protocols.add(in.readString());
          case 34 -> observed = parse(in.readBytes());
          case 42 -> protocolVersion = in.readString();
          case 50 -> agent = in.readString();
          default -> in.skipField(tag);
        }
      }
      return key == null
          ? Optional.empty()
          : Optional.of(new IdentifyInfo(protocolVersion, agent, key, addrs, observed, protocols));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<Multiaddr> parse(ByteString bytes) {
    try {
      return Optional.of(Multiaddr.fromBytes(bytes.toByteArray()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
