/**
 * The transaction outbox: every transaction the node sends is first an intent in the database, then
 * a nonce, then a signed attempt recorded before it leaves, then a receipt. Restarts resume from
 * whatever step was committed; all attempts of one intent share one nonce, so an intent has exactly
 * one on-chain effect however often the process dies or the fee is bumped.
 */
package org.openvpp.node.outbox;
