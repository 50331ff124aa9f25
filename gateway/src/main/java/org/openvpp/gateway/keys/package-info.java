/**
 * The keys a gateway holds: its own OEM-certified identity and one key per device behind it, all as
 * Web3j wallet files (encrypted at rest), unlocked with one password from a file or the
 * environment, never logged.
 */
package org.openvpp.gateway.keys;
