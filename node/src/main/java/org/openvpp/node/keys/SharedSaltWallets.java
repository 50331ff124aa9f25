package org.openvpp.node.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;
import org.web3j.crypto.Hash;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;
import org.web3j.utils.Numeric;

/**
 * Web3j wallet files (version 3: scrypt, AES-128-CTR, Keccak MAC) for several 32-byte secrets under
 * one password, written with one salt so that opening them costs one scrypt run, not one per file.
 * Each file keeps its own random IV, so no key stream is ever reused; the files are ordinary wallet
 * files that Web3j's own {@code Wallet.decrypt} opens (tested). Sharing the salt gives an attacker
 * nothing: the files are under the same password anyway, so guessing it opens both.
 *
 * <p>Files written separately (different salts) are opened too, one derivation per salt.
 */
final class SharedSaltWallets {
  /** Web3j's "standard" parameters (geth's): 256 MiB and about a second of one core. */
  static final int N = 1 << 18;

  static final int R = 8;
  static final int P = 1;
  private static final int DKLEN = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SharedSaltWallets() {}

  /** Encrypts each secret; {@code addresses} (without 0x, or null) go into the files as is. */
  static List<WalletFile> encrypt(char[] password, List<byte[]> secrets, List<String> addresses) {
    byte[] salt = random(32);
    byte[] key = derive(password, salt, N, R, P, DKLEN);
    try {
      List<WalletFile> files = new ArrayList<>();
      for (int i = 0; i < secrets.size(); i++) {
        byte[] secret = secrets.get(i);
        if (secret.length != 32) {
          throw new IllegalArgumentException("a wallet file holds a 32-byte key");
        }
        byte[] iv = random(16);
        byte[] cipherText = aesCtr(key, iv, secret);
        WalletFile.Crypto crypto = new WalletFile.Crypto();
        crypto.setCipher("aes-128-ctr");
        crypto.setCiphertext(Numeric.toHexStringNoPrefix(cipherText));
        WalletFile.CipherParams cipherParams = new WalletFile.CipherParams();
        cipherParams.setIv(Numeric.toHexStringNoPrefix(iv));
        crypto.setCipherparams(cipherParams);
        crypto.setKdf("scrypt");
        WalletFile.ScryptKdfParams kdf = new WalletFile.ScryptKdfParams();
        kdf.setDklen(DKLEN);
        kdf.setN(N);
        kdf.setP(P);
        kdf.setR(R);
        kdf.setSalt(Numeric.toHexStringNoPrefix(salt));
        crypto.setKdfparams(kdf);
        crypto.setMac(Numeric.toHexStringNoPrefix(mac(key, cipherText)));
        WalletFile file = new WalletFile();
        file.setAddress(addresses.get(i));
        file.setCrypto(crypto);
        file.setId(UUID.randomUUID().toString());
        file.setVersion(3);
        files.add(file);
      }
      return files;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * The secrets of {@code files}, in order; one scrypt run per distinct salt and parameters.
   *
   * @throws CipherException naming the file index whose MAC does not match (a wrong password), or a
   *     file that is not a version-3 scrypt AES-128-CTR wallet
   */
  static List<byte[]> decrypt(String password, List<WalletFile> files) throws CipherException {
    char[] chars = password.toCharArray();
    Map<String, byte[]> keys = new HashMap<>();
    try {
      List<byte[]> secrets = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        WalletFile.Crypto c = files.get(i).getCrypto();
        if (files.get(i).getVersion() != 3
            || c == null
            || !"aes-128-ctr".equals(c.getCipher())
            || !(c.getKdfparams() instanceof WalletFile.ScryptKdfParams kdf)
            || kdf.getDklen() != DKLEN) {
          throw new CipherException("file " + i + " is not a version-3 scrypt wallet");
        }
        byte[] key =
            keys.computeIfAbsent(
                scryptParams(files.get(i)),
                k ->
                    derive(
                        chars,
                        Numeric.hexStringToByteArray(kdf.getSalt()),
                        kdf.getN(),
                        kdf.getR(),
                        kdf.getP(),
                        DKLEN));
        byte[] cipherText = Numeric.hexStringToByteArray(c.getCiphertext());
        if (!MessageDigest.isEqual(
            mac(key, cipherText), Numeric.hexStringToByteArray(c.getMac()))) {
          throw new CipherException("invalid password provided");
        }
        secrets.add(
            aesCtr(key, Numeric.hexStringToByteArray(c.getCipherparams().getIv()), cipherText));
      }
      return secrets;
    } finally {
      keys.values().forEach(k -> Arrays.fill(k, (byte) 0));
      Arrays.fill(chars, '\0');
    }
  }

  /** Whether all files share one salt and scrypt parameters (one derivation opens them). */
  static boolean shareOneDerivation(List<WalletFile> files) {
    return files.stream().map(SharedSaltWallets::scryptParams).distinct().count() == 1
        && scryptParams(files.get(0)) != null;
  }

  /** The scrypt parameters and salt of a file as one comparable value; null when not scrypt. */
  private static String scryptParams(WalletFile f) {
    if (f.getCrypto() == null
        || !(f.getCrypto().getKdfparams() instanceof WalletFile.ScryptKdfParams kdf)) {
      return null;
    }
    return kdf.getSalt()
        + "/"
        + kdf.getN()
        + "/"
        + kdf.getR()
        + "/"
        + kdf.getP()
        + "/"
        + kdf.getDklen();
  }

  private static byte[] derive(char[] password, byte[] salt, int n, int r, int p, int dklen) {
    byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
    try {
      return SCrypt.generate(pw, salt, n, r, p, dklen);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }

  private static byte[] mac(byte[] key, byte[] cipherText) {
    byte[] input = new byte[16 + cipherText.length];
    System.arraycopy(key, 16, input, 0, 16);
    System.arraycopy(cipherText, 0, input, 16, cipherText.length);
    return Hash.sha3(input);
  }

  private static byte[] aesCtr(byte[] key, byte[] iv, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(Arrays.copyOf(key, 16), "AES"),
          new IvParameterSpec(iv));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-128-CTR unavailable", e);
    }
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
