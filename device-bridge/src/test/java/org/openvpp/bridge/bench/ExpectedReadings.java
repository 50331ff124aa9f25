package org.openvpp.bridge.bench;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.openvpp.bridge.crypto.AddressRecovery;
import org.openvpp.bridge.crypto.NativeSigning;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.protocol.SignatureType;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.store.ReadingStore;
import org.openvpp.bridge.store.SqliteReadingStore;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.contracts.evidence.MeterReading;
import org.web3j.crypto.ECKeyPair;

/**
 * The readings a throughput run publishes (signed up front, natively, in parallel, so publishing is
 * not the bottleneck) and the checks that make its count honest: what a subscriber received is
 * exactly what was sent, and what the bridge stored is every reading, unchanged, with a signature
 * that recovers to its device.
 */
final class ExpectedReadings {
  final int devices;
  final int perDevice;
  final List<String> topics = new ArrayList<>();
  final List<byte[]> payloads = new ArrayList<>();
  final InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
  private final List<String> addresses;
  private final List<List<SignedReading>> byDevice;
  private final Set<ByteBuffer> sent = new HashSet<>();

  ExpectedReadings(int devices, int perDevice) {
    this.devices = devices;
    this.perDevice = perDevice;
    long now = System.currentTimeMillis();
    byDevice =
        IntStream.range(0, devices)
            .parallel()
            .mapToObj(
                i -> {
                  ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(50_000 + i));
                  String device = new Signer(Fixtures.TYPED, key).address();
                  NativeSigning n = NativeSigning.forKey(key).orElseThrow();
                  List<SignedReading> out = new ArrayList<>();
                  for (int seq = 1; seq <= perDevice; seq++) {
                    MeterReading r = new MeterReading(device, seq, now + seq, seq, 0, -1_000, 500);
                    out.add(
                        new SignedReading(
                            r, SignatureType.SECP256K1, n.sign(Fixtures.TYPED.digest(r))));
                  }
                  return out;
                })
            .toList();
    addresses = byDevice.stream().map(l -> l.get(0).reading().device()).toList();
    addresses.forEach(a -> directory.put(Fixtures.battery(a, 10_000_000, 10_000)));
    // Interleaved by sequence: every device's next reading before any device's one after it.
    for (int seq = 0; seq < perDevice; seq++) {
      for (int d = 0; d < devices; d++) {
        byte[] p = WireCodec.encode(byDevice.get(d).get(seq));
        payloads.add(p);
        topics.add(Topics.device(addresses.get(d), Topics.READING));
        sent.add(ByteBuffer.wrap(p));
      }
    }
    if (sent.size() != payloads.size()) {
      throw new IllegalStateException("payloads are not distinct");
    }
  }

  int messages() {
    return payloads.size();
  }

  /** Index of the device that publishes payload {@code i}. */
  int deviceIndex(int i) {
    return i % devices;
  }

  /** Address of the device that publishes payload {@code i}. */
  String device(int i) {
    return addresses.get(deviceIndex(i));
  }

  /** The received set must be exactly the sent set (nothing missing, nothing foreign). */
  void checkReceived(Set<ByteBuffer> received) {
    if (!received.equals(sent)) {
      Set<ByteBuffer> missing = new HashSet<>(sent);
      missing.removeAll(received);
      Set<ByteBuffer> foreign = new HashSet<>(received);
      foreign.removeAll(sent);
      throw new IllegalStateException(
          missing.size() + " payloads missing, " + foreign.size() + " not sent by the bench");
    }
  }

  /** Opens the bridge's SQLite file after the bridge closed and checks every stored reading. */
  void checkStored(Path dataDir) {
    try (ReadingStore store = SqliteReadingStore.open(dataDir.resolve("readings.db"), "FULL")) {
      checkStored(store);
    }
  }

  /**
   * Every device's stored readings equal the ones signed (same fields, same signature bytes), none
   * extra, and every stored signature recovers to its device.
   */
  void checkStored(ReadingStore store) {
    if (store.count() != messages()) {
      throw new IllegalStateException(store.count() + " stored, " + messages() + " sent");
    }
    AddressRecovery recovery = AddressRecovery.fastest();
    for (int d = 0; d < devices; d++) {
      String device = addresses.get(d);
      List<SignedReading> stored = store.readings(device, 1, perDevice);
      if (!stored.equals(byDevice.get(d))) {
        throw new IllegalStateException(
            device + ": " + stored.size() + " stored readings differ from the signed ones");
      }
      for (SignedReading s : stored) {
        String signer =
            recovery.recover(Fixtures.TYPED.digest(s.reading()), s.signature()).orElse("none");
        if (!signer.equals(device)) {
          throw new IllegalStateException("stored reading of " + device + " signed by " + signer);
        }
      }
    }
  }
}
