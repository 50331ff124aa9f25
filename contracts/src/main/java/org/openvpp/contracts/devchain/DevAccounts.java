package org.openvpp.contracts.devchain;

import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * The funded accounts of a dev chain, derived from its well-known test mnemonic along
 * m/44'/60'/0'/0/i (as Anvil and Hardhat do). These keys are public knowledge: never use them on a
 * network with real value.
 */
public final class DevAccounts {
  public static final String TEST_MNEMONIC =
      "test test test test test test test test test test test junk";
  private static final int HARDENED = 0x80000000;

  private DevAccounts() {}

  public static Credentials derive(String mnemonic, int index) {
    byte[] seed = MnemonicUtils.generateSeed(mnemonic, "");
    Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(seed);
    int[] path = {44 | HARDENED, 60 | HARDENED, HARDENED, 0, index};
    return Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path));
  }
}
