package org.openvpp.node.p2p.multiaddr;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.encoding.Varint;

/** A multiaddr over the protocols in {@link Protocol}, in text and binary form. */
public record Multiaddr(List<Component> components) {
  private static final int MAX_DNS_NAME = 255;

  public Multiaddr {
    components = List.copyOf(components);
  }

  /**
   * Parses text such as {@code /ip4/127.0.0.1/tcp/4001/p2p/12D3Koo…}.
   *
   * @throws IllegalArgumentException when the text is not a valid multiaddr
   */
  public static Multiaddr parse(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("multiaddr must start with '/': " + text);
    }
    String[] parts = text.substring(1).split("/", -1);
    List<Component> out = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isEmpty() && i == parts.length - 1) {
        break;
      }
      Protocol p =
          Protocol.byLabel(parts[i])
              .orElseThrow(() -> new IllegalArgumentException("unknown protocol in " + text));
      if (++i >= parts.length) {
        throw new IllegalArgumentException("missing value for /" + p.label());
      }
      out.add(new Component(p, valueBytes(p, parts[i])));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("empty multiaddr");
    }
    return new Multiaddr(out);
  }

  private static byte[] valueBytes(Protocol p, String v) {
    return switch (p) {
      case IP4 -> ipBytes(v, 4);
      case IP6 -> ipBytes(v, 16);
      case TCP -> portBytes(v);
      case DNS, DNS4, DNS6 -> dnsBytes(v);
      case P2P ->
          PeerId.parse(v)
              .orElseThrow(() -> new IllegalArgumentException("bad peer id " + v))
              .toBytes();
    };
  }

  private static byte[] ipBytes(String v, int length) {
    boolean looksRight = length == 4 ? v.matches("[0-9.]+") : v.contains(":");
    try {
      byte[] b = looksRight ? InetAddress.getByName(v).getAddress() : new byte[0];
      if (b.length != length) {
        throw new IllegalArgumentException("bad ip address " + v);
      }
      return b;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad ip address " + v, e);
    }
  }

  private static byte[] portBytes(String v) {
    int port;
    try {
      port = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port " + v, e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("bad port " + v);
    }
    return new byte[] {(byte) (port >> 8), (byte) port};
  }

  private static byte[] dnsBytes(String v) {
    byte[] b = v.getBytes(StandardCharsets.UTF_8);
    if (b.length == 0 || b.length > MAX_DNS_NAME) {
      throw new IllegalArgumentException("bad dns name");
    }
    return b;
  }

  /**
   * Parses the binary form.
   *
   * @throws IllegalArgumentException when the bytes are not a valid multiaddr
   */
  public static Multiaddr fromBytes(byte[] bytes) {
    List<Component> out = new ArrayList<>();
    int at = 0;
    while (at < bytes.length) {
      Varint.Decoded code =
          Varint.decode(bytes, at, bytes.length)
              .orElseThrow(() -> new IllegalArgumentException("truncated multiaddr"));
      Protocol p =
          Protocol.byCode(code.value())
              .orElseThrow(() -> new IllegalArgumentException("unknown code " + code.value()));
      at += code.length();
      int size = fixedSize(p);
      if (size < 0) {
        Varint.Decoded len =
            Varint.decode(bytes, at, bytes.length)
                .orElseThrow(() -> new IllegalArgumentException("truncated multiaddr"));
        at += len.length();
        size = (int) Math.min(len.value(), Integer.MAX_VALUE);
      }
      if (at + size > bytes.length || size < 0) {
        throw new IllegalArgumentException("truncated multiaddr");
      }
      byte[] value = Arrays.copyOfRange(bytes, at, at + size);
      at += size;
      // Re-validate through the text path so binary and text accept the same set.
      out.add(new Component(p, valueBytes(p, new Component(p, value).valueText())));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("empty multiaddr");
    }
    return new Multiaddr(out);
  }

  private static int fixedSize(Protocol p) {
    return switch (p) {
      case IP4 -> 4;
      case IP6 -> 16;
      case TCP -> 2;
      default -> -1;
    };
  }

  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Component c : components) {
      Varint.write(out, c.protocol().code());
      byte[] v = c.value();
      if (fixedSize(c.protocol()) < 0) {
        Varint.write(out, v.length);
      }
      out.writeBytes(v);
    }
    return out.toByteArray();
  }

  public Optional<String> value(Protocol p) {
    return components.stream().filter(c -> c.protocol() == p).findFirst().map(Component::valueText);
  }

  /** Host to dial: an IP literal or DNS name. */
  public Optional<String> host() {
    return value(Protocol.IP4)
        .or(() -> value(Protocol.IP6))
        .or(() -> value(Protocol.DNS))
        .or(() -> value(Protocol.DNS4))
        .or(() -> value(Protocol.DNS6));
  }

  public Optional<Integer> tcpPort() {
    return value(Protocol.TCP).map(Integer::parseInt);
  }

  public Optional<PeerId> peerId() {
    return components.stream()
        .filter(c -> c.protocol() == Protocol.P2P)
        .findFirst()
        .flatMap(c -> PeerId.fromBytes(c.value()));
  }

  public Multiaddr withPeerId(PeerId id) {
    List<Component> out = new ArrayList<>(withoutPeerId().components);
    out.add(new Component(Protocol.P2P, id.toBytes()));
    return new Multiaddr(out);
  }

  public Multiaddr withoutPeerId() {
    return new Multiaddr(components.stream().filter(c -> c.protocol() != Protocol.P2P).toList());
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    components.forEach(sb::append);
    return sb.toString();
  }
}
