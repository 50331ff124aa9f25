package org.openvpp.wallet.owner;

import picocli.CommandLine.Command;

/** {@code vpp-wallet token}: ETH and FLEX balances, FLEX transfers. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Balances (ETH for gas, FLEX) and FLEX transfers.",
    subcommands = {Balance.class, Transfer.class},
    footer = {
      "",
      "Examples:",
      "  vpp-wallet token balance",
      "  vpp-wallet token transfer 0x90f79bf6eb2c4f870365e785982e1f101e93b906 12.5"
    })
public final class TokenCommands {}
