/**
 * The local network: a dev chain (Anvil), the deployed contracts, funded OEM/owner/operator
 * accounts and — as later parts land — nodes, a broker and simulated devices. {@link
 * org.openvpp.testnet.LocalTestnet} is the Java API tests and the main job share.
 */
package org.openvpp.testnet;
