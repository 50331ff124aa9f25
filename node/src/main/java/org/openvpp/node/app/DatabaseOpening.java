package org.openvpp.node.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.openvpp.node.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and migrates the node's database on its own thread while the keys are decrypted: both are
 * slow at start (scrypt on purpose; Flyway and the JDBC driver mostly in class loading) and neither
 * needs the other, so on two cores the start waits for the longer of them, not the sum.
 */
public final class DatabaseOpening {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseOpening.class);

  private final CompletableFuture<Database> database = new CompletableFuture<>();

  private DatabaseOpening() {}

  /** Starts opening {@code jdbcUrl} at once on a new thread. */
  public static DatabaseOpening begin(String jdbcUrl) {
    DatabaseOpening opening = new DatabaseOpening();
    Thread t =
        new Thread(
            () -> {
              long t0 = System.nanoTime();
              try {
                Database db = Database.open(jdbcUrl);
                LOG.info(
                    "database open ({}) in {} ms",
                    db.dialect(),
                    (System.nanoTime() - t0) / 1_000_000);
                opening.database.complete(db);
              } catch (RuntimeException | Error e) {
                opening.database.completeExceptionally(e);
              }
            },
            "database-open");
    t.setDaemon(true);
    t.start();
    return opening;
  }

  /**
   * The open database, waiting for it.
   *
   * @throws RuntimeException what opening it threw
   */
  Database await() {
    try {
      return database.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** The start was abandoned (bad keys): closes the database once it is open, off this thread. */
  public void discard() {
    database.whenComplete(
        (db, failure) -> {
          if (db != null) {
            db.close();
          }
        });
  }
}
