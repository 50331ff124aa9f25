package org.openvpp.wallet.operator;

import picocli.CommandLine.Command;

/** {@code vpp-wallet node}: a node operator's stake in the NodeRegistry. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Node operator stake: register or top up (stake), unbond (unstake), withdraw after the",
      "unbonding delay, and status."
    },
    subcommands = {Stake.class, Unstake.class, Withdraw.class, NodeStatus.class},
    footer = {
      "",
      "Examples:",
      "  vpp-wallet node stake 1000 --peer-id 12D3KooW… --zone zone-1",
      "  vpp-wallet node unstake 200",
      "  vpp-wallet node withdraw",
      "  vpp-wallet node status --json"
    })
public final class NodeCommands {}
