package org.openvpp.node.p2p.gossip;

import org.openvpp.node.p2p.crypto.PeerId;

/** A validated gossip message handed to a topic subscriber. */
public record GossipMessage(String topic, byte[] data, PeerId author, PeerId receivedFrom) {}
