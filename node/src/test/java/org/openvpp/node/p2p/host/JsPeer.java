package org.openvpp.node.p2p.host;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.multiaddr.Multiaddr;

/**
 * Drives the unmodified js-libp2p peer in {@code src/test/js/peer.mjs} over its stdin/stdout JSON
 * lines. Installs the pinned npm packages first (cheap when already installed).
 */
public final class JsPeer implements AutoCloseable {
  private static final Path DIR = Path.of("src/test/js");
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
  private final Process process;
  private final OutputStream stdin;
  private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final JsonObject ready;

  private JsPeer(Process process) throws InterruptedException {
    this.process = process;
    this.stdin = process.getOutputStream();
    Thread reader = new Thread(this::readLoop, "js-peer-stdout");
    reader.setDaemon(true);
    reader.start();
    ready = nextEvent("ready", Duration.ofSeconds(30));
  }

  public static JsPeer start() throws IOException, InterruptedException {
    ensureInstalled();
    Process p =
        new ProcessBuilder("node", "--import", "./polyfill.mjs", "peer.mjs")
            .directory(DIR.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    return new JsPeer(p);
  }

  private static void ensureInstalled() throws IOException, InterruptedException {
    String toolchain = System.getProperty("vpp.toolchain", "../toolchain");
    Process p =
        new ProcessBuilder("node", Path.of(toolchain, "ensure.mjs").toString(), DIR.toString())
            .inheritIO()
            .start();
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("installing the js-libp2p peer failed");
    }
  }

  /** A JSON array of strings as a typed list. */
  public static List<String> strings(io.vertx.core.json.JsonArray array) {
    return array.stream().map(String::valueOf).toList();
  }

  public PeerId peerId() {
    return PeerId.parse(ready.getString("peerId")).orElseThrow();
  }

  public Multiaddr address() {
    return Multiaddr.parse(ready.getJsonArray("addrs").getString(0));
  }

  /** Runs a command and returns its result; throws when the peer reports an error. */
  public Object command(String cmd, Map<String, Object> args) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonObject> f = new CompletableFuture<>();
    pending.put(id, f);
    JsonObject line = new JsonObject(new java.util.HashMap<>(args)).put("id", id).put("cmd", cmd);
    try {
      synchronized (stdin) {
        stdin.write((line.encode() + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
      }
      JsonObject r = f.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!r.getBoolean("ok")) {
        throw new IllegalStateException("js peer: " + cmd + " failed: " + r.getString("error"));
      }
      return r.getValue("result");
    } catch (IOException
        | java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("js peer: " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      pending.remove(id);
    }
  }

  /** The next event of this kind within {@code timeout}; fails the test otherwise. */
  public JsonObject nextEvent(String kind, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (e != null && kind.equals(e.getString("event"))) {
        return e;
      }
    }
    throw new AssertionError("js peer: no '" + kind + "' event within " + timeout);
  }

  /** Events of this kind that arrived within {@code window}. */
  public List<JsonObject> eventsFor(String kind, Duration window) throws InterruptedException {
    long deadline = System.nanoTime() + window.toNanos();
    List<JsonObject> out = new java.util.ArrayList<>();
    while (System.nanoTime() < deadline) {
      JsonObject e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (e != null && kind.equals(e.getString("event"))) {
        out.add(e);
      }
    }
    return out;
  }

  private void readLoop() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.startsWith("{")) {
          continue;
        }
        JsonObject o = new JsonObject(line);
        Integer id = o.getInteger("id");
        if (id != null && pending.containsKey(id)) {
          pending.get(id).complete(o);
        } else if (o.containsKey("event")) {
          events.add(o);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended; pending commands time out
    }
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
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
