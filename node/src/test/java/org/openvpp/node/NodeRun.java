package org.openvpp.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The node as a real process: {@code java -jar target/vpp-node.jar ARGS}, output (stdout and
 * stderr) into a file the test polls. The jar is built by {@code package}, before failsafe runs.
 */
record NodeRun(Process process, Path output, long startedNanos) {
  static final Path JAR = Path.of("target/vpp-node.jar");

  static NodeRun start(Path dir, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(List.of(args));
    try {
      Path output = Files.createTempFile(dir, "node-", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .directory(dir.toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("VPP_NODE_"));
      pb.environment().putAll(env);
      long t0 = System.nanoTime();
      return new NodeRun(pb.start(), output, t0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String log() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the process if a test failed before stopping it. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
