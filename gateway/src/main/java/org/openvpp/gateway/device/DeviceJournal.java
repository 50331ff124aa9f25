package org.openvpp.gateway.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.openvpp.bridge.protocol.Decoded;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.WireCodec;

/**
 * What the protocol asks device firmware to keep in non-volatile memory (docs/device-protocol.md
 * §5.4), for one device behind the gateway: the last sequence taken and every signed reading not
 * yet receipted. Written through a temporary file and an atomic rename before a reading is
 * published, so a gateway crash can neither skip nor reuse a sequence nor lose a reading the node
 * waits for. Not thread-safe: used from the device's own thread.
 */
public final class DeviceJournal {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final int capacity;
  private long sequence;
  private final List<SignedReading> pending = new ArrayList<>();
  private SignedReading last;

  private DeviceJournal(Path file, int capacity) {
    this.file = file;
    this.capacity = capacity;
  }

  /**
   * Opens (or creates) the journal of {@code device} in {@code dir}.
   *
   * @throws IllegalStateException when the file exists but cannot be read back: the gateway must
   *     not start that device with a fresh sequence (the node would reject every reading as
   *     replayed), an operator has to look
   */
  public static DeviceJournal open(Path dir, String device, int capacity) {
    DeviceJournal j = new DeviceJournal(dir.resolve(device + ".journal.json"), capacity);
    try {
      Files.createDirectories(dir);
      if (Files.exists(j.file)) {
        j.load();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the device journal " + j.file, e);
    }
    return j;
  }

  private void load() throws IOException {
    JsonNode root = JSON.readTree(Files.readAllBytes(file));
    if (root == null
        || !root.path("sequence").canConvertToLong()
        || !root.path("pending").isArray()) {
      throw new IllegalStateException("device journal " + file + " is damaged");
    }
    sequence = root.get("sequence").asLong();
    for (JsonNode n : root.get("pending")) {
      Decoded<SignedReading> d =
          WireCodec.decodeReading(n.asText().getBytes(StandardCharsets.UTF_8));
      if (!d.isOk()) {
        throw new IllegalStateException(
            "device journal " + file + " holds a reading that does not decode: " + d.detail());
      }
      pending.add(d.value().get());
    }
    if (root.hasNonNull("last")) {
      Decoded<SignedReading> d =
          WireCodec.decodeReading(root.get("last").asText().getBytes(StandardCharsets.UTF_8));
      if (!d.isOk()) {
        throw new IllegalStateException("device journal " + file + " is damaged: " + d.detail());
      }
      last = d.value().get();
    }
  }

  /** The last reading signed, receipted or not (its registers are where the next one starts). */
  public java.util.Optional<SignedReading> last() {
    return java.util.Optional.ofNullable(last);
  }

  /** The last sequence taken (0 before the first reading). */
  public long sequence() {
    return sequence;
  }

  /** True when a new reading can be kept; when false the device signs nothing until a receipt. */
  public boolean hasRoom() {
    return pending.size() < capacity;
  }

  /** Keeps {@code signed} (which must carry sequence + 1) durably before it is published. */
  public void append(SignedReading signed) {
    if (signed.reading().sequence() != sequence + 1) {
      throw new IllegalArgumentException(
          "sequence " + signed.reading().sequence() + " after " + sequence);
    }
    if (!hasRoom()) {
      throw new IllegalStateException("journal full");
    }
    pending.add(signed);
    last = signed;
    sequence++;
    save();
  }

  /** Drops exactly the readings a receipt covers (sequence ≤ receipted). Returns how many. */
  public int receipted(long receiptedSequence) {
    int before = pending.size();
    pending.removeIf(s -> s.reading().sequence() <= receiptedSequence);
    int dropped = before - pending.size();
    if (dropped > 0) {
      save();
    }
    return dropped;
  }

  /** The unreceipted readings, oldest first. */
  public List<SignedReading> pending() {
    return List.copyOf(pending);
  }

  private void save() {
    ObjectNode root = JSON.createObjectNode();
    root.put("sequence", sequence);
    ArrayNode arr = root.putArray("pending");
    for (SignedReading s : pending) {
      arr.add(new String(WireCodec.encode(s), StandardCharsets.UTF_8));
    }
    if (last != null) {
      root.put("last", new String(WireCodec.encode(last), StandardCharsets.UTF_8));
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.write(tmp, JSON.writeValueAsBytes(root));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the device journal " + file, e);
    }
  }
}
