/** Durable storage of accepted readings (SQLite with WAL; an interface for PostgreSQL later). */
package org.openvpp.bridge.store;
