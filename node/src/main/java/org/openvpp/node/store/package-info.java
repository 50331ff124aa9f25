/**
 * The node's storage: one JDBC {@link org.openvpp.node.store.Database} (an SQLite file by default,
 * PostgreSQL by URL), migrated by Flyway from {@code db/migration} when opened.
 */
package org.openvpp.node.store;
