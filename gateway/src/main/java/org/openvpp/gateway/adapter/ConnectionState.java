package org.openvpp.gateway.adapter;

/** Connection state of one device behind an adapter. */
public enum ConnectionState {
  /** Not connected yet, or reconnecting after a loss (with back-off). */
  CONNECTING,
  /** Connected and the device answered the last poll or message. */
  CONNECTED,
  /** Connected once, lost; the adapter keeps retrying. */
  DISCONNECTED,
  /** Given up for good (for example the device is not what the config says); needs an operator. */
  FAILED
}
