package org.openvpp.node.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.crypto.PrivateKey;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.utils.Numeric;

/**
 * The libp2p Ed25519 identity in a Web3j wallet file (docs/adr/0013-node-keys-at-rest.md). The
 * format encrypts 32 bytes with scrypt and AES-128-CTR under a MAC; an Ed25519 seed is 32 bytes, so
 * the seed is stored where the secp256k1 key would be. The {@code address} field is left out: the
 * secp256k1 address of a seed means nothing and must not be mistaken for an account.
 */
final class IdentityWallet {
  private static final ObjectMapper JSON = ObjectMapperFactory.getObjectMapper();

  private IdentityWallet() {}

  /** The identity from the decrypted wallet ({@code WalletFiles.unlock} did the decryption). */
  static PrivateKey fromUnlocked(Credentials unlocked) {
    byte[] seed = Numeric.toBytesPadded(unlocked.getEcKeyPair().getPrivateKey(), 32);
    try {
      return Ed25519Keys.fromSeed(seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }
}
