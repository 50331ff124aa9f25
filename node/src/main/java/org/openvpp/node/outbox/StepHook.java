package org.openvpp.node.outbox;

/**
 * Called after each commit point of an intent. Production uses {@link #NONE}; the crash tests use
 * it to stop a process at a precise step and kill it there.
 */
@FunctionalInterface
public interface StepHook {
  StepHook NONE = (step, key) -> {};

  void after(OutboxStep step, String key);
}
