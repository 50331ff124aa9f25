package org.openvpp.contracts.evidence;

import java.io.ByteArrayOutputStream;
import org.openvpp.contracts.eip712.AbiWords;

/**
 * One device's leaf of an evidence root (Settlement.Leaf); StandardMerkleTree types {@code
 * (address,address,bytes32,bytes32,int64,uint64)} in field order.
 *
 * @param device the device address
 * @param owner the owner its reward goes to
 * @param firstReading EIP-712 digest of the first device-signed reading of the window
 * @param lastReading EIP-712 digest of the last one
 * @param baselineWh net energy the device would have moved in the requested direction undispatched
 * @param deliveredWh what the node claims was delivered (Delivery.deliveredWh of the two readings)
 */
public record EvidenceLeaf(
    String device,
    String owner,
    byte[] firstReading,
    byte[] lastReading,
    long baselineWh,
    long deliveredWh) {

  public static final String[] TYPES = {
    "address", "address", "bytes32", "bytes32", "int64", "uint64"
  };

  public EvidenceLeaf {
    device = AbiWords.checkAddress(device);
    owner = AbiWords.checkAddress(owner);
    if (firstReading.length != 32 || lastReading.length != 32) {
      throw new IllegalArgumentException("reading digests are 32 bytes");
    }
    if (deliveredWh < 0) {
      throw new IllegalArgumentException("deliveredWh must not be negative");
    }
    firstReading = firstReading.clone();
    lastReading = lastReading.clone();
  }

  @Override
  public byte[] firstReading() {
    return firstReading.clone();
  }

  @Override
  public byte[] lastReading() {
    return lastReading.clone();
  }

  /** abi.encode of the six values, what the StandardMerkleTree hashes. */
  public byte[] abiEncoded() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(6 * 32);
    out.writeBytes(AbiWords.address(device));
    out.writeBytes(AbiWords.address(owner));
    out.writeBytes(AbiWords.bytes32(firstReading));
    out.writeBytes(AbiWords.bytes32(lastReading));
    out.writeBytes(AbiWords.int256(baselineWh));
    out.writeBytes(AbiWords.uint256(deliveredWh));
    return out.toByteArray();
  }
}
