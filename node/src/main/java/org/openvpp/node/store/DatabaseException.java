package org.openvpp.node.store;

/**
 * The database failed: opening, migrating, or a transaction that was rolled back. Nothing of a
 * failed transaction is stored.
 */
public final class DatabaseException extends RuntimeException {
  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
