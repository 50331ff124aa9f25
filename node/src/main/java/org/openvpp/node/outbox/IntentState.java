package org.openvpp.node.outbox;

/** Where an intent is; the order is the order of the steps. */
public enum IntentState {
  /** Persisted, nothing assigned yet. */
  QUEUED,
  /** Gas estimated and a nonce assigned; not signed yet. */
  NONCED,
  /** An attempt is signed and recorded but not known to have been sent. */
  SIGNED,
  /** The node accepted an attempt; waiting for a receipt. */
  SENT,
  /** Mined and succeeded. Final. */
  MINED,
  /** Mined and reverted: the nonce is used, the call had no effect. Final. */
  REVERTED,
  /** Refused before a nonce was spent (the call would revert). Final. */
  REJECTED,
  /** Its nonce was used by a transaction the outbox did not sign. Final. */
  FAILED;

  public boolean isFinal() {
    return ordinal() >= MINED.ordinal();
  }
}
