package org.openvpp.node.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done inside one transaction of {@link Database#transaction}; the connection is the work's.
 */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection c) throws SQLException;
}
