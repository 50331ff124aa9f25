package org.openvpp.gateway.adapter;

/**
 * Where an adapter reports. Implementations return quickly (they hand the work to the device's own
 * thread), so an adapter may call them from its I/O threads.
 */
public interface AdapterSink {
  /** A fresh measurement of one device. */
  void measured(Measurement measurement);

  /** A device's connection changed. */
  void connection(String localId, ConnectionState state);
}
