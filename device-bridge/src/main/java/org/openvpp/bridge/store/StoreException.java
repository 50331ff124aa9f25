package org.openvpp.bridge.store;

/** The store failed; readings in the failed call are not stored and must not be acknowledged. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
