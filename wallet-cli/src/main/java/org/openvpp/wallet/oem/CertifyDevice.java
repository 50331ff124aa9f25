package org.openvpp.wallet.oem;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.RegistryDomain;
import org.openvpp.wallet.certificate.CertificateFile;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.cli.Output;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code oem certify}: one device certificate, signed (EIP-712) with the OEM's key. */
@Command(
    name = "certify",
    mixinStandardHelpOptions = true,
    description = {
      "Certify one device: sign its EIP-712 DeviceCertificate with your OEM key into a",
      "certificate file that anyone can register with `device register`. Nothing is sent."
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet oem certify --model 0 --device 0xDEVICE --serial PB10-000123 --out cert.json"
    })
final class CertifyDevice extends WalletCommand {
  @Option(names = "--model", required = true, paramLabel = "ID")
  long modelId;

  @Option(names = "--device", required = true, paramLabel = "ADDRESS")
  String device;

  @Option(names = "--serial", required = true, paramLabel = "SERIAL")
  String serial;

  @Option(names = "--power-w", paramLabel = "W", description = "default: the model's")
  Long powerW;

  @Option(names = "--capacity-wh", paramLabel = "WH", description = "default: the model's")
  Long capacityWh;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "certificate file")
  Path out;

  @Override
  protected void run(Session session) {
    String address = session.address(device, "device address");
    Chain chain = session.chain();
    DeviceRegistry.Model model = Models.require(chain, modelId);
    DeviceCertificate cert =
        Certificates.of(
            modelId, model, address, serial, optional(powerW), optional(capacityWh), "--device");
    Models.requireOwnModel(session, modelId, model);
    Credentials oem = session.unlock();
    String registry = chain.deployment().deviceRegistry();
    byte[] signature =
        Signatures.sign(
            cert.digest(RegistryDomain.of(chain.chainId(), registry)), oem.getEcKeyPair());
    CertificateFile.signed(chain.chainId(), registry, cert, serial, signature).write(out);
    Map<String, Object> f = Output.record();
    f.put("device", address);
    f.put("model", modelId);
    f.put("ratedPowerW", cert.ratedPowerW());
    f.put("capacityWh", cert.capacityWh());
    f.put("file", out.toString());
    session.out().fields(f);
  }

  private static OptionalLong optional(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
