package org.openvpp.bridge.sim;

/** Ways a simulated device can be told to misbehave, for tests of the bridge's defences. */
public enum Misbehaviour {
  /** Claims ten hours of rated power more export than it delivered. */
  LIE_ABOUT_ENERGY,
  /** Signs a fresh reading with an old sequence number. */
  REPLAY_SEQUENCE,
  /** Reports a lower import register than before. */
  ROLLBACK_REGISTER,
  /** Stamps readings one hour in the future. */
  SKEW_CLOCK,
  /** Signs with a key that is not the registered one. */
  WRONG_KEY
}
