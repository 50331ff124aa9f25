package org.openvpp.node.store;

import java.util.Locale;

/** A JDBC URL the node accepts, its dialect, and a form fit for logs (no password). */
record DatabaseUrl(Dialect dialect, String jdbcUrl) {
  static final String SQLITE = "jdbc:sqlite:";
  static final String POSTGRES = "jdbc:postgresql:";

  static DatabaseUrl parse(String jdbcUrl) {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw new IllegalArgumentException("database URL is empty");
    }
    if (jdbcUrl.startsWith(SQLITE)) {
      String file = sqliteFile(jdbcUrl);
      if (file.isEmpty()) {
        throw new IllegalArgumentException("database URL names no file: " + jdbcUrl);
      }
      String lower = jdbcUrl.toLowerCase(Locale.ROOT);
      if (lower.contains(":memory:") || lower.contains("mode=memory")) {
        // Every pooled connection would see a database of its own, and a restart loses it all.
        throw new IllegalArgumentException(
            "an in-memory SQLite database loses the node's state: name a file (" + jdbcUrl + ")");
      }
      return new DatabaseUrl(Dialect.SQLITE, jdbcUrl);
    }
    if (jdbcUrl.startsWith(POSTGRES)) {
      return new DatabaseUrl(Dialect.POSTGRES, jdbcUrl);
    }
    throw new IllegalArgumentException(
        "unsupported database URL "
            + redact(jdbcUrl)
            + ": use jdbc:sqlite:<file> or jdbc:postgresql://<host>:<port>/<database>");
  }

  /** The file part of an SQLite URL, without the query. */
  static String sqliteFile(String jdbcUrl) {
    String rest = jdbcUrl.substring(SQLITE.length());
    int query = rest.indexOf('?');
    return query < 0 ? rest : rest.substring(0, query);
  }

  String redacted() {
    return redact(jdbcUrl);
  }

  /** Hides the query (it may carry {@code password=}) and any {@code user:password@} part. */
  static String redact(String url) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query) + "?…";
    return base.replaceAll("//[^/@]*@", "//…@");
  }
}
