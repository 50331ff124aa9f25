package org.openvpp.wallet.oem;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.wallet.certificate.BatchFile;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxOutcome;
import org.openvpp.wallet.cli.ExitCode;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code oem publish BATCH}: one transaction that vouches for a whole certified batch. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = "Publish a certified batch's Merkle root (from `oem certify-batch`) on-chain.",
    footer = {
      "",
      "Examples:",
      "  vpp-wallet oem publish batch-0",
      "  vpp-wallet oem publish batch-0/batch.json --json"
    })
final class PublishBatch extends WalletCommand {
  @Parameters(paramLabel = "BATCH", description = "batch directory or its batch.json")
  Path batch;

  @Override
  protected void run(Session session) {
    Path file = Files.isDirectory(batch) ? batch.resolve(BatchFile.NAME) : batch;
    BatchFile b = BatchFile.read(file);
    Chain chain = session.chain();
    if (b.chainId() != chain.chainId()
        || !b.registry().equalsIgnoreCase(chain.deployment().deviceRegistry())) {
      throw new WalletException(
          ExitCode.WRONG_NETWORK,
          file + " was certified for another network (chain " + b.chainId() + "): certify again");
    }
    Models.requireOwnModel(session, b.modelId(), Models.require(chain, b.modelId()));
    var sender = session.sender();
    String data =
        chain
            .devices()
            .publishBatch(
                BigInteger.valueOf(b.modelId()),
                Numeric.hexStringToByteArray(b.root()),
                BigInteger.valueOf(b.deviceCount()))
            .encodeFunctionCall();
    TxOutcome outcome = sender.send(chain.deployment().deviceRegistry(), data, "publish batch");
    var event = DeviceRegistry.getBatchPublishedEvents(outcome.receipt()).get(0);
    Map<String, Object> f = outcome.fields();
    f.put("batch", event.batchId.longValueExact());
    f.put("model", b.modelId());
    f.put("root", b.root());
    f.put("devices", b.deviceCount());
    session.out().fields(f);
  }
}
