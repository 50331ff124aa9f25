package org.openvpp.gateway.sunspec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The independent Modbus TCP server (jsmodbus, {@code src/test/js/sunspec/sunspec-server.mjs}) as a
 * child process, driven over stdin/stdout JSON lines.
 */
public final class SunSpecTestServer implements AutoCloseable {
  private static final Path DIR = Path.of("src/test/js/sunspec");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final JsonNode ready;

  private SunSpecTestServer(Process process) throws InterruptedException {
    this.process = process;
    this.stdin = process.getOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  lines.add(JSON.readTree(line));
                }
              } catch (IOException e) {
                // process ended
              }
            },
            "sunspec-server-stdout");
    reader.setDaemon(true);
    reader.start();
    ready = next(30);
    if (!"ready".equals(ready.path("event").asText())) {
      throw new IllegalStateException("sunspec server did not start: " + ready);
    }
  }

  public static SunSpecTestServer start() throws IOException, InterruptedException {
    String toolchain = System.getProperty("vpp.toolchain", "../toolchain");
    Process install =
        new ProcessBuilder("node", Path.of(toolchain, "ensure.mjs").toString(), DIR.toString())
            .inheritIO()
            .start();
    if (!install.waitFor(300, TimeUnit.SECONDS) || install.exitValue() != 0) {
      install.destroyForcibly();
      throw new IllegalStateException("installing jsmodbus failed");
    }
    Process p =
        new ProcessBuilder("node", "sunspec-server.mjs")
            .directory(DIR.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    return new SunSpecTestServer(p);
  }

  public int port(String which) {
    return ready.path(which).asInt();
  }

  /** Sets a device's behaviour: normal, no-marker, garbage, sentinel, out-of-range, drop. */
  public void mode(String device, String mode) throws InterruptedException {
    command("{\"cmd\":\"mode\",\"device\":\"" + device + "\",\"mode\":\"" + mode + "\"");
  }

  /** The emulated devices' physics: batteryPowerW, batterySoc, storCtlMod, revertS, ... */
  public JsonNode state() throws InterruptedException {
    return command("{\"cmd\":\"state\"").path("result");
  }

  private synchronized JsonNode command(String partial) throws InterruptedException {
    int id = ids.incrementAndGet();
    try {
      stdin.write((partial + ",\"id\":" + id + "}\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new IllegalStateException("sunspec server gone", e);
    }
    while (true) {
      JsonNode r = next(10);
      if (r.path("id").asInt() == id) {
        if (!r.path("ok").asBoolean()) {
          throw new IllegalStateException("sunspec server: " + r);
        }
        return r;
      }
    }
  }

  private JsonNode next(int seconds) throws InterruptedException {
    JsonNode n = lines.poll(seconds, TimeUnit.SECONDS);
    if (n == null) {
      throw new IllegalStateException("no answer from the sunspec server within " + seconds + " s");
    }
    return n;
  }

  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
