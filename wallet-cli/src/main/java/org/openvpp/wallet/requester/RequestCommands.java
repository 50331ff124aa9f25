package org.openvpp.wallet.requester;

import picocli.CommandLine.Command;

/** {@code vpp-wallet request}: a flexibility requester's side of the market. */
@Command(
    name = "request",
    mixinStandardHelpOptions = true,
    description = {
      "Flexibility requests: post one with escrow, cancel it before bidding closes, clear its",
      "auction, release the unpaid escrow, withdraw refunds, and follow bids, awards, delivered",
      "energy and payments."
    },
    subcommands = {
      PostRequest.class,
      CancelRequest.class,
      ClearRequest.class,
      ReleaseEscrow.class,
      WithdrawRefunds.class,
      RequestStatus.class,
      ListRequests.class
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet request post zone-1 --direction up --power 6kW --start +30m --duration 1h \\",
      "      --max-price 0.4",
      "  vpp-wallet request status 1",
      "  vpp-wallet request cancel 1",
      "  vpp-wallet request withdraw"
    })
public final class RequestCommands {}
