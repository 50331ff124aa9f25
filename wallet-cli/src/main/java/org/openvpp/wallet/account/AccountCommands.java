package org.openvpp.wallet.account;

import picocli.CommandLine.Command;

/** {@code vpp-wallet account}: the keys of this user, in encrypted Web3j wallet files. */
@Command(
    name = "account",
    mixinStandardHelpOptions = true,
    description = {
      "Create, import, list and export accounts (encrypted Web3j wallet files).",
      "Wallet files use scrypt; they live in $VPP_WALLET_HOME/keystore (mode 700, files 600)."
    },
    subcommands = {
      CreateAccount.class,
      ImportAccount.class,
      ListAccounts.class,
      ShowAddress.class,
      ExportAccount.class
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet account create alice",
      "  vpp-wallet account import oem --mnemonic-file words.txt --index 1",
      "  vpp-wallet account list --json"
    })
public final class AccountCommands {}
