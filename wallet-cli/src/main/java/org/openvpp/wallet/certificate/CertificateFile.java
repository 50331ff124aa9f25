package org.openvpp.wallet.certificate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.util.List;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.KeyType;
import org.openvpp.wallet.cli.WalletException;
import org.web3j.utils.Numeric;

/**
 * A device certificate as a file the OEM hands out with the device: the EIP-712 {@code
 * DeviceCertificate} fields (same names and encodings as the typed data), the network it is for,
 * and either the OEM's signature (single registration) or the batch root and Merkle proof (bulk
 * onboarding).
 *
 * @param serial the plain serial number, for the owner's eyes; only its keccak256 goes on-chain
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateFile(
    int version,
    long chainId,
    String registry,
    Fields certificate,
    String serial,
    String oemSignature,
    BatchProof batch) {

  public static final int VERSION = 1;

  /** The typed-data message, field by field: uint8 enums as their on-chain numbers. */
  public record Fields(
      String device,
      int keyType,
      long modelId,
      long ratedPowerW,
      long capacityWh,
      int deviceClass,
      String serialHash) {

    static Fields of(DeviceCertificate c) {
      return new Fields(
          c.device(),
          c.keyType().ordinal(),
          c.modelId(),
          c.ratedPowerW(),
          c.capacityWh(),
          c.deviceClass().ordinal(),
          Numeric.toHexString(c.serialHash()));
    }
  }

  /** Where a batch certificate's proof leads: the root the OEM published. */
  public record BatchProof(String root, List<String> proof) {}

  public static CertificateFile signed(
      long chainId, String registry, DeviceCertificate cert, String serial, byte[] signature) {
    return new CertificateFile(
        VERSION, chainId, registry, Fields.of(cert), serial, Numeric.toHexString(signature), null);
  }

  public static CertificateFile batched(
      long chainId, String registry, DeviceCertificate cert, String serial, BatchProof proof) {
    return new CertificateFile(VERSION, chainId, registry, Fields.of(cert), serial, null, proof);
  }

  /** The certificate, validated (address form, uint32 ranges, known enums). */
  public DeviceCertificate toCertificate(Path source) {
    try {
      Fields f = certificate;
      return new DeviceCertificate(
          f.device(),
          KeyType.values()[f.keyType()],
          f.modelId(),
          f.ratedPowerW(),
          f.capacityWh(),
          DeviceClass.fromOrdinal(f.deviceClass()),
          Numeric.hexStringToByteArray(f.serialHash()));
    } catch (RuntimeException e) {
      throw WalletException.usage(
          source
              + " holds no valid certificate ("
              + e.getMessage()
              + "): ask the OEM for it again");
    }
  }

  /** Named so Jackson does not take it for a property. */
  public boolean hasBatchProof() {
    return batch != null;
  }

  public void write(Path file) {
    JsonFiles.write(file, this);
  }

  public static CertificateFile read(Path file) {
    CertificateFile c = JsonFiles.read(file, CertificateFile.class, "a certificate file");
    if (c.version() != VERSION || c.certificate() == null || c.registry() == null) {
      throw WalletException.usage(file + " is not a version " + VERSION + " certificate file");
    }
    if ((c.oemSignature() == null) == (c.batch() == null)) {
      throw WalletException.usage(
          file + " must hold either an oemSignature or a batch proof, not both or neither");
    }
    return c;
  }
}
