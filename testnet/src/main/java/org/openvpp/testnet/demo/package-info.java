/**
 * {@code vpp demo-round}: one whole flexibility round played on a running local network, so a
 * device owner has real rewards to claim with {@code vpp-wallet}. The round itself is {@link
 * org.openvpp.testnet.round.RoundDriver}'s; this package connects to the chain, sets up the round's
 * actors, keeps the nodes' ledgers between runs and writes the owners' claim-proof files.
 */
package org.openvpp.testnet.demo;
