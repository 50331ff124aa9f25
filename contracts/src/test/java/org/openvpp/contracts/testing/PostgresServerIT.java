package org.openvpp.contracts.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The test PostgreSQL server starts, serves databases, and leaves nothing behind when stopped. */
class PostgresServerIT {
  @Test
  void startsServesDatabasesAndCleansUp() throws Exception {
    long t0 = System.nanoTime();
    PostgresServer server = PostgresServer.start();
    long startMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    Path dir;
    try {
      String a = server.newDatabase();
      String b = server.newDatabase();
      assertThat(a).isNotEqualTo(b).startsWith("jdbc:postgresql://127.0.0.1:" + server.port());
      assertThat(psql(server, "SELECT 40 + 2")).isEqualTo("42");
      dir = dataDirectory(server);
      assertThat(dir).isDirectory();
      System.out.printf("postgres test server: start %d ms%n", startMs);
    } finally {
      server.close();
    }
    assertThat(dir).doesNotExist();
    assertThat(pgIsReady(server.port())).as("nothing listens after close").isNotZero();
  }

  /** A JVM that dies by SIGKILL (no shutdown hook runs) leaves no server and no directory. */
  @Test
  void aKilledJvmLeavesNoServerBehind() throws Exception {
    Path out = Files.createTempFile("pg-child", ".out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), Child.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    try {
      Await.until(
          Duration.ofSeconds(120),
          () -> Files.readString(out).contains("SERVER "),
          "the child JVM's postgres");
      String[] line =
          Files.readAllLines(out).stream()
              .filter(l -> l.startsWith("SERVER "))
              .findFirst()
              .orElseThrow()
              .split(" ");
      int port = Integer.parseInt(line[1]);
      Path dir = Path.of(line[2]);
      assertThat(pgIsReady(port)).isZero();
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      Await.until(
          Duration.ofSeconds(30),
          () -> pgIsReady(port) != 0 && !Files.exists(dir),
          "postgres of the killed JVM stopped and its directory removed");
    } finally {
      child.destroyForcibly();
      Files.deleteIfExists(out);
    }
  }

  /** The killed JVM: starts a server, says where, and waits to be killed. */
  static final class Child {
    public static void main(String[] args) throws Exception {
      PostgresServer server = PostgresServer.start();
      System.out.println("SERVER " + server.port() + " " + server.directory());
      System.out.flush();
      new java.util.concurrent.CountDownLatch(1).await();
    }
  }

  private static Path dataDirectory(PostgresServer server) throws Exception {
    return Path.of(psql(server, "SHOW data_directory")).getParent();
  }

  private static String psql(PostgresServer server, String sql) throws Exception {
    Path out = Files.createTempFile("psql", ".out");
    try {
      Process p =
          new ProcessBuilder(
                  List.of(
                      PostgresServer.binaries().resolve("psql").toString(),
                      "-h",
                      "127.0.0.1",
                      "-p",
                      String.valueOf(server.port()),
                      "-U",
                      "postgres",
                      "-d",
                      "postgres",
                      "-tAc",
                      sql))
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String text = Files.readString(out).trim();
      assertThat(p.exitValue()).as(text).isZero();
      return text;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static int pgIsReady(int port) throws Exception {
    Process p =
        new ProcessBuilder(
                PostgresServer.binaries().resolve("pg_isready").toString(),
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-t",
                "2")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }
}
