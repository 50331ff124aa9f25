package org.openvpp.wallet.owner;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Optional;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.identity.OwnerBinding;
import org.openvpp.contracts.identity.RegistryDomain;
import org.openvpp.wallet.certificate.BindSignatureFile;
import org.openvpp.wallet.certificate.CertificateFile;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.keys.Keystore;
import org.openvpp.wallet.session.Session;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * Signing as a device, for development and simulators: a device key kept in a Web3j wallet file
 * signs {@code Bind(owner, nonce)} exactly as device firmware would.
 */
final class DeviceKeys {
  static final String PASSWORD_ENV = "VPP_WALLET_DEVICE_PASSWORD";

  private DeviceKeys() {}

  static Credentials unlock(Session session, Path keyFile, Optional<Path> passwordFile) {
    char[] password =
        session
            .passwords()
            .other("device key " + keyFile, passwordFile, PASSWORD_ENV, "--device-password-file");
    return Keystore.unlock(keyFile, password);
  }

  /** The device's Bind signature for {@code owner} at the device's current nonce. */
  static BindSignatureFile signBind(Chain chain, Credentials device, String owner) {
    String address = device.getAddress();
    BigInteger nonce = chain.read(() -> chain.devices().nonces(address).send());
    String registry = chain.deployment().deviceRegistry();
    byte[] digest =
        new OwnerBinding(owner, nonce).digest(RegistryDomain.of(chain.chainId(), registry));
    byte[] signature = Signatures.sign(digest, device.getEcKeyPair());
    return new BindSignatureFile(
        CertificateFile.VERSION,
        chain.chainId(),
        registry,
        address,
        owner,
        nonce.toString(),
        Numeric.toHexString(signature));
  }
}
