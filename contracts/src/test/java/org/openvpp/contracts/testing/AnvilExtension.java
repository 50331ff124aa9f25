package org.openvpp.contracts.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openvpp.contracts.devchain.Anvil;

/**
 * Gives a test class one real Anvil, started on first use and stopped after the class's last test
 * (also when tests fail). Declare {@code @ExtendWith(AnvilExtension.class)} and take an {@link
 * Anvil} parameter in a {@code @BeforeEach} or test method.
 */
public final class AnvilExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(AnvilExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Anvil.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext classContext =
        context.getTestClass().isPresent() && context.getParent().isPresent()
            ? classContextOf(context)
            : context;
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("anvil", key -> new ClosableAnvil(Anvil.start()), ClosableAnvil.class)
        .anvil();
  }

  private static ExtensionContext classContextOf(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  /** Lets JUnit close the chain when the class's store is closed. */
  private record ClosableAnvil(Anvil anvil) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      anvil.close();
    }
  }
}
