package org.openvpp.testnet;

import org.web3j.crypto.Credentials;

/**
 * The roles of the local network and the dev accounts that play them. Dev keys are public: never
 * reuse them on a network with value.
 */
public enum TestnetAccounts {
  ADMIN(0, "deployer, governance, FLEX minter"),
  OEM(1, "admitted OEM"),
  OWNER(2, "device owner"),
  OPERATOR(3, "node operator"),
  REQUESTER(4, "flexibility requester");

  private final int index;
  private final String description;

  TestnetAccounts(int index, String description) {
    this.index = index;
    this.description = description;
  }

  public int index() {
    return index;
  }

  public String description() {
    return description;
  }

  public Credentials credentials(org.openvpp.contracts.devchain.Anvil anvil) {
    return anvil.credentials(index);
  }

  /**
   * The role's key as {@code ./vpp testnet} derives it (the public test mnemonic), for tools that
   * work on a network another process started.
   */
  public Credentials devCredentials() {
    return org.openvpp.contracts.devchain.DevAccounts.derive(
        org.openvpp.contracts.devchain.DevAccounts.TEST_MNEMONIC, index);
  }
}
