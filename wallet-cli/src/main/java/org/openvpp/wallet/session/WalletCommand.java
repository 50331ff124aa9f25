package org.openvpp.wallet.session;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every leaf command: opens the run's {@link Session}, runs the command, closes the
 * session. Failures are {@code WalletException}s; the root command turns them into one line on
 * stderr and the exit code.
 */
public abstract class WalletCommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  @Override
  public final Integer call() {
    SessionFactory factory = (SessionFactory) spec.root().userObject();
    try (Session session = factory.openSession(spec.commandLine())) {
      run(session);
    }
    return 0;
  }

  protected abstract void run(Session session);
}
