package org.openvpp.wallet.rewards;

import picocli.CommandLine.Command;

/** {@code vpp-wallet rewards}: a device owner's settled rewards, shown and claimed. */
@Command(
    name = "rewards",
    mixinStandardHelpOptions = true,
    description = {
      "Device owners' rewards: nodes pay what their devices delivered into cumulative reward",
      "roots on Settlement; an owner claims with a Merkle proof from the node (a claim-proof",
      "file, or the node's API GET URL/v1/rewards/OWNER). One proof collects every settlement",
      "so far. Claim-proof JSON: {chainId, settlement, node, owner, cumulativeAmount (decimal",
      "FLEX wei string), proof [0x bytes32, ...]}, one object or an array."
    },
    subcommands = {ShowRewards.class, ClaimRewards.class},
    footer = {
      "",
      "Examples:",
      "  vpp-wallet rewards show --file rewards-node1.json",
      "  vpp-wallet -a owner rewards claim --node-api http://127.0.0.1:8080"
    })
public final class RewardCommands {}
