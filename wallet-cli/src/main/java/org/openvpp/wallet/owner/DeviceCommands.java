package org.openvpp.wallet.owner;

import picocli.CommandLine.Command;

/** {@code vpp-wallet device}: what a device owner does with device identities. */
@Command(
    name = "device",
    mixinStandardHelpOptions = true,
    description = {
      "Register, bind, transfer (offer/accept), assign to a node, list and show devices.",
      "A device registers with its OEM's certificate; its first owner is bound by the device's",
      "signature; ownership then moves in two steps. The owner assigns the node that reports",
      "and settles the device's delivery."
    },
    subcommands = {
      RegisterDevice.class,
      BindDevice.class,
      SignBind.class,
      OfferOwnership.class,
      AcceptOwnership.class,
      CancelOffer.class,
      AssignNode.class,
      ListDevices.class,
      ShowDevice.class
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet device register 0xabc…json",
      "  vpp-wallet device bind 0xDEVICE --signature-file bind.json",
      "  vpp-wallet device offer 0xDEVICE 0xNEWOWNER",
      "  vpp-wallet device assign-node 0xDEVICE 0xNODE",
      "  vpp-wallet device list"
    })
public final class DeviceCommands {}
