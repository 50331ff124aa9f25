package org.openvpp.node.keys;

/** A key file cannot be created or unlocked; the message names the file and what to do. */
public final class KeyFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KeyFileException(String message) {
    super(message);
  }
}
