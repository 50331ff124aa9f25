package org.openvpp.node.outbox;

/** The commit points of the outbox, in order; a {@link StepHook} hears each. */
public enum OutboxStep {
  PERSISTED,
  NONCE_ASSIGNED,
  SIGNED,
  SENT,
  RECEIPT_SEEN,
  DONE
}
