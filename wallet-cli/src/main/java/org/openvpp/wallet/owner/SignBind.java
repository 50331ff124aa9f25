package org.openvpp.wallet.owner;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.openvpp.wallet.certificate.BindSignatureFile;
import org.openvpp.wallet.cli.Output;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code device sign-bind}: what a device does when its owner pairs it (development and
 * simulators): signs {@code Bind(owner, nonce)} with the device key into a signature file.
 */
@Command(
    name = "sign-bind",
    mixinStandardHelpOptions = true,
    description = {
      "Sign Bind(owner, nonce) with a device key wallet file, as the device would, into a",
      "signature file for `device bind --signature-file` (development and simulators)."
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet device sign-bind --device-key-file dev1.json --owner owner --out bind.json"
    })
final class SignBind extends WalletCommand {
  @Option(names = "--device-key-file", required = true, paramLabel = "FILE")
  Path keyFile;

  @Option(
      names = "--device-password-file",
      paramLabel = "FILE",
      description = "device key password (or env VPP_WALLET_DEVICE_PASSWORD, or a prompt)")
  Optional<Path> passwordFile;

  @Option(names = "--owner", paramLabel = "WHO", description = "owner (default: you)")
  Optional<String> owner;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "signature file")
  Path out;

  @Override
  protected void run(Session session) {
    String who = session.addressOrSelf(owner, "owner address");
    Credentials device = DeviceKeys.unlock(session, keyFile, passwordFile);
    BindSignatureFile signed = DeviceKeys.signBind(session.chain(), device, who);
    signed.write(out);
    Map<String, Object> f = Output.record();
    f.put("device", signed.device());
    f.put("owner", signed.owner());
    f.put("nonce", signed.nonce());
    f.put("file", out.toString());
    session.out().fields(f);
  }
}
