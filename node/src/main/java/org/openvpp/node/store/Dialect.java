package org.openvpp.node.store;

/** Which database a {@link Database} talks to, for the few statements that differ. */
public enum Dialect {
  /** A file next to the node (the default): one writer at a time, WAL journal. */
  SQLITE,
  /** A PostgreSQL server chosen by URL. */
  POSTGRES
}
