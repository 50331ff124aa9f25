package org.openvpp.wallet.owner;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.identity.OwnerBinding;
import org.openvpp.contracts.identity.RegistryDomain;
import org.openvpp.wallet.certificate.BindSignatureFile;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxOutcome;
import org.openvpp.wallet.cli.ExitCode;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import org.web3j.utils.Numeric;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code device bind DEVICE}: binds the first owner with the device's Bind signature. The signature
 * is checked here first (signer, owner, nonce, network), so a wrong file costs no gas.
 */
@Command(
    name = "bind",
    mixinStandardHelpOptions = true,
    description = {
      "Bind yourself (or --owner) as the first owner of a registered device, with the device's",
      "signature over Bind(owner, nonce): from a signature file the device produced, or signed",
      "here with a device key wallet file (development)."
    },
    footer = {
      "",
      "Signature file (JSON): version 1, chainId, registry, device, owner, nonce (decimal),",
      "signature (0x, 65 bytes r|s|v over the EIP-712 digest).",
      "",
      "Examples:",
      "  vpp-wallet device bind 0xDEVICE --signature-file bind.json",
      "  vpp-wallet device bind 0xDEVICE --device-key-file dev1.json"
    })
final class BindDevice extends WalletCommand {
  @Parameters(paramLabel = "DEVICE", description = "device address")
  String device;

  @Option(names = "--owner", paramLabel = "WHO", description = "owner (default: you)")
  Optional<String> owner;

  @ArgGroup(multiplicity = "1")
  Signature signature;

  static final class Signature {
    @Option(names = "--signature-file", paramLabel = "FILE", description = "Bind signature file")
    Path file;

    @Option(names = "--device-key-file", paramLabel = "FILE", description = "device key wallet")
    Path keyFile;
  }

  @Option(
      names = "--device-password-file",
      paramLabel = "FILE",
      description = "device key password (or env VPP_WALLET_DEVICE_PASSWORD, or a prompt)")
  Optional<Path> devicePasswordFile;

  @Override
  protected void run(Session session) {
    String address = session.address(device, "device address");
    String who = session.addressOrSelf(owner, "owner address");
    Chain chain = session.chain();
    Devices.require(chain, address);
    BindSignatureFile bind =
        signature.file != null
            ? BindSignatureFile.read(signature.file)
            : DeviceKeys.signBind(
                chain, DeviceKeys.unlock(session, signature.keyFile, devicePasswordFile), who);
    byte[] sig = check(bind, chain, address, who);
    var sender = session.sender();
    String data = chain.devices().bindOwner(address, who, sig).encodeFunctionCall();
    TxOutcome outcome = sender.send(chain.deployment().deviceRegistry(), data, "bind owner");
    Map<String, Object> f = outcome.fields();
    f.put("device", address);
    f.put("owner", who);
    session.out().fields(f);
  }

  private static byte[] check(BindSignatureFile bind, Chain chain, String device, String owner) {
    String registry = chain.deployment().deviceRegistry();
    if (bind.chainId() != chain.chainId() || !bind.registry().equalsIgnoreCase(registry)) {
      throw new WalletException(
          ExitCode.WRONG_NETWORK,
          "the Bind signature is for registry "
              + bind.registry()
              + " on chain "
              + bind.chainId()
              + ", not this network's: have the device sign again");
    }
    if (!bind.device().equalsIgnoreCase(device) || !bind.owner().equalsIgnoreCase(owner)) {
      throw WalletException.usage(
          "the Bind signature binds device "
              + bind.device()
              + " to "
              + bind.owner()
              + ", not "
              + device
              + " to "
              + owner
              + ": use the matching file or --owner");
    }
    BigInteger nonce = chain.read(() -> chain.devices().nonces(device).send());
    if (!nonce.toString().equals(bind.nonce())) {
      throw WalletException.usage(
          "the Bind signature is for nonce "
              + bind.nonce()
              + " but the device is at nonce "
              + nonce
              + " (used already?): have the device sign again");
    }
    byte[] sig = Numeric.hexStringToByteArray(bind.signature());
    byte[] digest =
        new OwnerBinding(owner, nonce).digest(RegistryDomain.of(chain.chainId(), registry));
    String signer = Signatures.recoverAddress(digest, sig).orElse("nobody");
    if (!signer.equalsIgnoreCase(device)) {
      throw WalletException.usage(
          "the Bind signature was not made by device " + device + " (signer " + signer + ")");
    }
    return sig;
  }
}
