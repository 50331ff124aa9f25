package org.openvpp.wallet.certificate;

import java.nio.file.Path;
import org.openvpp.wallet.cli.WalletException;

/**
 * A device's EIP-712 {@code Bind(owner, nonce)} signature, as the device (or its app) hands it to
 * the owner: 65 bytes r‖s‖v in hex, with the values it covers and the network it is for.
 */
public record BindSignatureFile(
    int version,
    long chainId,
    String registry,
    String device,
    String owner,
    String nonce,
    String signature) {

  public void write(Path file) {
    JsonFiles.write(file, this);
  }

  public static BindSignatureFile read(Path file) {
    BindSignatureFile b = JsonFiles.read(file, BindSignatureFile.class, "a Bind signature file");
    if (b.version() != CertificateFile.VERSION
        || b.device() == null
        || b.owner() == null
        || b.nonce() == null
        || b.signature() == null) {
      throw WalletException.usage(
          file + " is not a Bind signature file (see `device bind --help`)");
    }
    return b;
  }
}
