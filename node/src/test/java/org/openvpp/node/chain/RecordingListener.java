package org.openvpp.node.chain;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Writes down every apply and undo as text, e.g. {@code apply 0xab.. @12}. */
final class RecordingListener<E> implements ChainListener<E> {
  final List<String> calls = new CopyOnWriteArrayList<>();
  private final Function<E, String> describe;

  RecordingListener(Function<E, String> describe) {
    this.describe = describe;
  }

  @Override
  public void apply(E event, EventContext context) {
    calls.add("apply " + describe.apply(event) + " @" + context.blockNumber());
  }

  @Override
  public void undo(E event, EventContext context) {
    calls.add("undo " + describe.apply(event) + " @" + context.blockNumber());
  }
}
