package org.openvpp.node.store;

/**
 * One database a test opens, restarts (closed and opened again by its URL, as a restarted node
 * would) and closes: the store contract tests run their restart cases through it.
 */
public final class ReopenedDatabase {
  private String url;
  private Database db;

  /** Opens the database at {@code url}. */
  public Database open(String url) {
    this.url = url;
    db = Database.open(url);
    return db;
  }

  /** Closes the database and opens it again from its URL. */
  public Database reopen() {
    db.close();
    db = Database.open(url);
    return db;
  }

  public void close() {
    db.close();
  }
}
