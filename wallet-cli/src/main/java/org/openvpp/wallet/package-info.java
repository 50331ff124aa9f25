/**
 * {@code vpp-wallet}: the picocli command line through which owners, OEMs, requesters and node
 * operators do everything they do on-chain without the dashboard.
 */
package org.openvpp.wallet;
