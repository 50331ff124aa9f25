/**
 * The VPP node daemon: one Vert.x verticle per job (chain listener, transaction outbox, p2p host,
 * device fleet, auction agent, dispatcher, evidence builder, attestor, claimer, HTTP API and
 * dashboard), with its state in storage so a restart loses nothing.
 */
package org.openvpp.node;
