package org.openvpp.wallet.requester;

import picocli.CommandLine.Command;

/** {@code vpp-wallet request}: a flexibility requester's side of the market. */
@Command(
    name = "request",
    mixinStandardHelpOptions = true,
    description = {
      "Flexibility requests: post one with escrow, cancel it before bidding closes, clear its",
      "auction, close awards nobody settled, release the unpaid escrow, withdraw refunds, and",
      "follow bids, awards, delivered energy and payments."
    },
    subcommands = {
      PostRequest.class,
      CancelRequest.class,
      ClearRequest.class,
      CloseUnsettled.class,
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
      "  vpp-wallet request close 1 0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      "  vpp-wallet request withdraw"
    })
public final class RequestCommands {}
