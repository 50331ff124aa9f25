package org.openvpp.node.app;

/** The process's exit codes; scripts and service managers branch on them. */
public final class ExitCodes {
  /** Stopped cleanly (also after SIGTERM or Ctrl-C). */
  public static final int OK = 0;

  /** A part failed to start or to stop; the log says which and why. */
  public static final int FAILED = 1;

  /** Bad configuration or usage: the message names the key and why. */
  public static final int CONFIG = 2;

  private ExitCodes() {}
}
