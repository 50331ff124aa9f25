package org.openvpp.node.api.model;

/** The node's identity and progress. May block: called on a worker thread. */
@FunctionalInterface
public interface NodeStatusSource {
  NodeStatus status();
}
