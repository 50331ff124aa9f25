package org.openvpp.gateway.ocpp;

/** Where the central system delivers what chargers report; called on the Vert.x event loop. */
public interface ChargerListener {
  /** A meter value that passed every check, ready to be signed and published. */
  void reading(ChargerReading reading);

  /** A charger connected (true) or disconnected (false). */
  default void online(String identity, boolean online) {}

  /** Something a configured charger sent was refused or dropped, and why. */
  default void refused(String identity, OcppCounters.Reason reason) {}
}
