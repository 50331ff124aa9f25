package org.openvpp.wallet.owner;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.merkle.StandardMerkleTree;
import org.openvpp.wallet.certificate.CertificateFile;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxOutcome;
import org.openvpp.wallet.cli.ExitCode;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code device register CERTIFICATE}: puts a device on-chain with its OEM's certificate file,
 * either signed by the OEM or part of a published batch (then with its Merkle proof).
 */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = {
      "Register a device from its certificate file (from the OEM: `oem certify` or",
      "`oem certify-batch`). A batch certificate needs its batch published; its id is found",
      "from the root unless --batch is given. Anyone may send this; the device has no owner",
      "until `device bind`."
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet device register certificates/0x1234….json",
      "  vpp-wallet device register cert.json --batch 3"
    })
final class RegisterDevice extends WalletCommand {
  @Parameters(paramLabel = "CERTIFICATE", description = "certificate file")
  Path file;

  @Option(names = "--batch", paramLabel = "ID", description = "batch id (default: by root)")
  Optional<Long> batch;

  @Override
  protected void run(Session session) {
    CertificateFile file = CertificateFile.read(this.file);
    DeviceCertificate cert = file.toCertificate(this.file);
    Chain chain = session.chain();
    checkNetwork(file, chain);
    DeviceRegistry registry = chain.devices();
    String data;
    Map<String, Object> extra = new java.util.LinkedHashMap<>();
    if (file.hasBatchProof()) {
      List<byte[]> proof = proof(file, cert);
      long batchId = batch.orElseGet(() -> findBatch(chain, cert.modelId(), file.batch().root()));
      data =
          registry
              .registerFromBatch(BigInteger.valueOf(batchId), cert.toContractStruct(), proof)
              .encodeFunctionCall();
      extra.put("batch", batchId);
    } else {
      byte[] signature = Numeric.hexStringToByteArray(file.oemSignature());
      data = registry.registerDevice(cert.toContractStruct(), signature).encodeFunctionCall();
    }
    var sender = session.sender();
    TxOutcome outcome = sender.send(chain.deployment().deviceRegistry(), data, "register device");
    Map<String, Object> f = outcome.fields();
    f.put("device", cert.device());
    f.put("model", cert.modelId());
    f.putAll(extra);
    session.out().fields(f);
  }

  private void checkNetwork(CertificateFile file, Chain chain) {
    if (file.chainId() != chain.chainId()
        || !file.registry().equalsIgnoreCase(chain.deployment().deviceRegistry())) {
      throw new WalletException(
          ExitCode.WRONG_NETWORK,
          this.file
              + " is for registry "
              + file.registry()
              + " on chain "
              + file.chainId()
              + ", not this network's ("
              + chain.deployment().deviceRegistry()
              + " on chain "
              + chain.chainId()
              + "): use the matching --deployment and --rpc");
    }
  }

  private List<byte[]> proof(CertificateFile file, DeviceCertificate cert) {
    List<byte[]> proof = file.batch().proof().stream().map(Numeric::hexStringToByteArray).toList();
    byte[] root = Numeric.hexStringToByteArray(file.batch().root());
    if (!StandardMerkleTree.verify(root, StandardMerkleTree.leafHash(cert.abiEncoded()), proof)) {
      throw WalletException.usage(
          this.file + ": the proof does not lead to the batch root (damaged file?)");
    }
    return proof;
  }

  /** The newest batch of this model published with this root. */
  private static long findBatch(Chain chain, long modelId, String root) {
    String modelTopic = "0x" + TypeEncoder.encode(new Uint32(modelId));
    List<Log> logs =
        chain.logs(
            chain.deployment().deviceRegistry(),
            DeviceRegistry.BATCHPUBLISHED_EVENT,
            null,
            null,
            modelTopic);
    byte[] wanted = Numeric.hexStringToByteArray(root);
    long found = -1;
    for (Log log : logs) {
      var e = DeviceRegistry.getBatchPublishedEventFromLog(log);
      if (java.util.Arrays.equals(e.root, wanted)) {
        found = e.batchId.longValueExact();
      }
    }
    if (found < 0) {
      throw WalletException.notFound(
          "batch root "
              + root
              + " of model "
              + modelId
              + " is not published on this network: the OEM must run `vpp-wallet oem publish`");
    }
    return found;
  }
}
