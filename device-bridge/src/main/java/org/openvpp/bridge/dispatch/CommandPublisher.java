package org.openvpp.bridge.dispatch;

import java.util.concurrent.CompletableFuture;

/** Publishes an encoded message (the bridge's MQTT connection in production, a fake in tests). */
@FunctionalInterface
public interface CommandPublisher {
  CompletableFuture<Void> publish(String topic, byte[] payload);
}
