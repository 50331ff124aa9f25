package org.openvpp.node.api.model;

import java.util.List;

/**
 * One kind of record the node keeps (requests, bids, awards, …), newest first. Implementations may
 * block (JDBC): the API calls them on a worker thread, never on the event loop.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface Listing<T> {
  /** At most {@code limit} records, newest first. */
  List<T> newest(int limit);

  /** A listing with nothing in it, until the feature that fills it is wired. */
  static <T> Listing<T> empty() {
    return limit -> List.of();
  }
}
