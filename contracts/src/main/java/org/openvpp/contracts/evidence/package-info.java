/**
 * Evidence of delivered flexibility as Settlement checks it: device-signed meter readings, the
 * per-device evidence leaves and their root, the cumulative reward root owners claim from, and the
 * committee's attestation signatures. Every hash here matches the Solidity side byte for byte.
 */
package org.openvpp.contracts.evidence;
