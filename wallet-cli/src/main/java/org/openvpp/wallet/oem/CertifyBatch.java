package org.openvpp.wallet.oem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.merkle.StandardMerkleTree;
import org.openvpp.wallet.certificate.BatchFile;
import org.openvpp.wallet.certificate.CertificateFile;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.cli.Output;
import org.openvpp.wallet.cli.Progress;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code oem certify-batch}: a whole production batch under one Merkle root. The leaves are the
 * certificates as {@code DeviceRegistry.certificateLeaf} hashes them (OpenZeppelin
 * StandardMerkleTree), so one {@code oem publish} transaction vouches for every device and each
 * device registers later with its own proof. No key is needed: the root is what gets signed, by
 * publishing it.
 */
@Command(
    name = "certify-batch",
    mixinStandardHelpOptions = true,
    description = {
      "Certify a production batch from a CSV (address,serial[,ratedPowerW[,capacityWh]] per",
      "line): writes OUT/batch.json (model, Merkle root, count) and one certificate file with",
      "its proof per device in OUT/certificates/. Publish the root with `oem publish OUT`."
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet oem certify-batch --model 0 --csv devices.csv --out batch-0",
      "",
      "devices.csv:",
      "  address,serial",
      "  0x1f9090aae28b8a3dceadf281b0f12828e676c326,PB10-000001"
    })
final class CertifyBatch extends WalletCommand {
  @Option(names = "--model", required = true, paramLabel = "ID")
  long modelId;

  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "device list")
  Path csv;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
  Path out;

  @Override
  protected void run(Session session) {
    List<DeviceCsv.Row> rows = DeviceCsv.read(csv);
    Chain chain = session.chain();
    DeviceRegistry.Model model = Models.require(chain, modelId);
    Models.requireOwnModel(session, modelId, model);
    if (out.resolve(BatchFile.NAME).toFile().exists()) {
      throw WalletException.usage(out + " holds a batch already: choose a new --out directory");
    }
    Progress progress = session.progress();
    List<DeviceCertificate> certs = new ArrayList<>(rows.size());
    for (DeviceCsv.Row r : rows) {
      certs.add(
          Certificates.of(
              modelId,
              model,
              r.device(),
              r.serial(),
              r.powerW(),
              r.capacityWh(),
              csv + " line " + r.line()));
    }
    progress.say("building the Merkle tree over " + certs.size() + " certificates…");
    StandardMerkleTree tree =
        StandardMerkleTree.of(certs.stream().map(DeviceCertificate::abiEncoded).toList());
    String root = Numeric.toHexString(tree.root());
    String registry = chain.deployment().deviceRegistry();
    Path dir = out.resolve("certificates");
    for (int i = 0; i < certs.size(); i++) {
      List<String> proof = tree.proof(i).stream().map(Numeric::toHexString).toList();
      CertificateFile.batched(
              chain.chainId(),
              registry,
              certs.get(i),
              rows.get(i).serial(),
              new CertificateFile.BatchProof(root, proof))
          .write(dir.resolve(certs.get(i).device() + ".json"));
      progress.count("certificates written", i + 1, certs.size());
    }
    new BatchFile(CertificateFile.VERSION, chain.chainId(), registry, modelId, root, certs.size())
        .write(out.resolve(BatchFile.NAME));
    Map<String, Object> f = Output.record();
    f.put("model", modelId);
    f.put("devices", certs.size());
    f.put("root", root);
    f.put("batchFile", out.resolve(BatchFile.NAME).toString());
    f.put("certificates", dir.toString());
    session.out().fields(f);
  }
}
