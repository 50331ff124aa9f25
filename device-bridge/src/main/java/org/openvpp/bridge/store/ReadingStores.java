package org.openvpp.bridge.store;

import java.nio.file.Path;

/** Opens the {@link ReadingStore} a store URL names: an SQLite file or a PostgreSQL database. */
public final class ReadingStores {
  static final String SQLITE = "jdbc:sqlite:";
  static final String POSTGRES = "jdbc:postgresql:";

  private ReadingStores() {}

  /**
   * Opens the store at {@code url} ({@code jdbc:sqlite:<file>} or {@code
   * jdbc:postgresql://host:port/db}); an empty URL is the SQLite file {@code readings.db} in {@code
   * dataDir}.
   *
   * @throws IllegalArgumentException the URL is of neither kind
   * @throws StoreException the store cannot be opened
   */
  public static ReadingStore open(String url, Path dataDir, String synchronous) {
    if (url == null || url.isBlank()) {
      return SqliteReadingStore.open(dataDir.resolve("readings.db"), synchronous);
    }
    if (url.startsWith(SQLITE)) {
      String file = url.substring(SQLITE.length());
      if (file.isEmpty() || file.contains("?") || file.contains(":memory:")) {
        throw new IllegalArgumentException(
            "bridge.store.url must name an SQLite file without options: " + url);
      }
      return SqliteReadingStore.open(Path.of(file), synchronous);
    }
    if (url.startsWith(POSTGRES)) {
      return PostgresReadingStore.open(url, synchronous);
    }
    throw new IllegalArgumentException(
        "bridge.store.url "
            + redact(url)
            + " is neither jdbc:sqlite:<file> nor jdbc:postgresql://<host>:<port>/<database>");
  }

  /** The URL without its query (which may carry {@code password=}) and user information. */
  public static String redact(String url) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query) + "?…";
    return base.replaceAll("//[^/@]*@", "//…@");
  }
}
