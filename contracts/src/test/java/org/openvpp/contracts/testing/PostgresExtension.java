package org.openvpp.contracts.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one real {@link PostgresServer} per JVM (so per module's test run): started on first
 * use, stopped when JUnit finishes (also when tests fail). Declare
 * {@code @ExtendWith(PostgresExtension.class)}, take a {@link PostgresServer} parameter (in a
 * {@code @BeforeAll}, {@code @BeforeEach} or test method) and call {@link
 * PostgresServer#newDatabase()} for an empty database of the test's own.
 */
public final class PostgresExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PostgresServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "postgres", key -> new ClosableServer(PostgresServer.start()), ClosableServer.class)
        .server();
  }

  /** Lets JUnit stop the server when the root store is closed, after the last test class. */
  private record ClosableServer(PostgresServer server)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      server.close();
    }
  }
}
