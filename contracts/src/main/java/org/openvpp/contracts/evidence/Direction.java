package org.openvpp.contracts.evidence;

/**
 * Which way a flexibility request moves the grid (FlexibilityCoordinator.Direction, same ordinal).
 */
public enum Direction {
  /** More generation or less consumption: the device's net export counts as delivery. */
  UP,
  /** Less generation or more consumption: the device's net import counts as delivery. */
  DOWN;

  public static Direction ofOrdinal(int ordinal) {
    return values()[ordinal];
  }
}
