package org.openvpp.node.app;

import io.vertx.core.Verticle;

/**
 * One job of the node, deployed as one verticle. The composition root deploys the parts in list
 * order and undeploys them in reverse, so a part may use the parts before it.
 */
public interface NodePart {
  /** For the start-up and stop logs, e.g. "p2p". */
  String name();

  /** Builds the verticle; called once, on the thread that deploys. Must not block. */
  Verticle create(NodeContext context);

  static NodePart of(String name, java.util.function.Function<NodeContext, Verticle> factory) {
    return new NodePart() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Verticle create(NodeContext context) {
        return factory.apply(context);
      }
    };
  }
}
