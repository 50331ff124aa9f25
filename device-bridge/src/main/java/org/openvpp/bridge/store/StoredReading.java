package org.openvpp.bridge.store;

import org.openvpp.bridge.protocol.SignedReading;

/** An accepted reading and when the bridge received it (UTC ms). */
public record StoredReading(SignedReading signed, long receivedMs) {}
