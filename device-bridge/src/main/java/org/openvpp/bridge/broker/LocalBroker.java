package org.openvpp.bridge.broker;

/** A broker the bridge started itself and stops with itself: Mosquitto or embedded HiveMQ CE. */
public interface LocalBroker extends AutoCloseable {
  /** {@code tcp://bind:port}, the address devices and the bridge connect to. */
  String url();

  /** For logs: which broker and where, e.g. {@code mosquitto 2.0.11 pid 123 tcp://…}. */
  String description();

  @Override
  void close();
}
