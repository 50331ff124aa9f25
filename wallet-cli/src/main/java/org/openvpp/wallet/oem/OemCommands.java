package org.openvpp.wallet.oem;

import picocli.CommandLine.Command;

/** {@code vpp-wallet oem}: what a device manufacturer does on-chain. */
@Command(
    name = "oem",
    mixinStandardHelpOptions = true,
    description = {
      "OEM work: register models, certify devices (one, or a batch under one Merkle root),",
      "publish batches, revoke devices, list models and devices. The acting account must be",
      "an OEM admitted by governance."
    },
    subcommands = {
      RegisterModel.class,
      ListModels.class,
      CertifyDevice.class,
      CertifyBatch.class,
      PublishBatch.class,
      RevokeDevice.class,
      ListModelDevices.class
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet oem register-model --class HOME_BATTERY --power-w 5000 --capacity-wh 10000 \\",
      "      --name \"PowerBox 10\"",
      "  vpp-wallet oem certify-batch --model 0 --csv devices.csv --out batch-0",
      "  vpp-wallet oem publish batch-0",
      "  vpp-wallet oem devices --model 0"
    })
public final class OemCommands {}
