package org.openvpp.wallet.certificate;

import java.nio.file.Path;
import org.openvpp.wallet.cli.WalletException;

/**
 * The summary of one certified production batch: what {@code oem publish} puts on-chain (model,
 * Merkle root, device count) and which network it is for. Written beside the certificate files.
 */
public record BatchFile(
    int version, long chainId, String registry, long modelId, String root, int deviceCount) {

  public static final String NAME = "batch.json";

  public void write(Path file) {
    JsonFiles.write(file, this);
  }

  public static BatchFile read(Path file) {
    BatchFile b = JsonFiles.read(file, BatchFile.class, "a batch file");
    if (b.version() != CertificateFile.VERSION || b.root() == null || b.registry() == null) {
      throw WalletException.usage(file + " is not a batch file written by `oem certify-batch`");
    }
    return b;
  }
}
