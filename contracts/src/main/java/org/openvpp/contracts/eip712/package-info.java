/**
 * EIP-712 typed-data hashing and secp256k1 signatures shared by every signed message of the project
 * (device certificates, owner binding, meter readings, node commands). Checked against Foundry's
 * {@code cast} and against the contracts through shared test vectors.
 */
package org.openvpp.contracts.eip712;
