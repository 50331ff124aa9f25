/**
 * The node's HTTP API on Vert.x Web ({@link org.openvpp.node.api.ApiVerticle}): node status,
 * devices with live state and owner limits, the market and settlement records, earnings, peers,
 * reward claims for the wallet, live events (SSE) and Prometheus metrics, described by the OpenAPI
 * document {@code api/openapi.yaml}. Reads come from small interfaces ({@code model}, {@code
 * rewards}) that the node's features implement; writes need the bearer token ({@link
 * org.openvpp.node.api.ApiToken}).
 */
package org.openvpp.node.api;
