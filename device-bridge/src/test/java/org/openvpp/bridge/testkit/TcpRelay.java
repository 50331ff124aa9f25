package org.openvpp.bridge.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of a local port that a test can cut: {@link #block} drops every relayed
 * connection and refuses new ones until {@link #unblock}. It puts one client (the bridge) out of
 * reach of a real broker while other clients (the devices) still reach it directly, so a test can
 * choose who reconnects first instead of hoping for a timing. {@link #holdReplies} stalls only the
 * server-to-client direction (no acknowledgement reaches the client, what it sends still arrives).
 */
public final class TcpRelay implements AutoCloseable {
  private final int targetPort;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean blocked;
  private volatile boolean closed;
  private final Object replies = new Object();
  private boolean holdingReplies;

  private TcpRelay(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "tcp-relay-accept");
    t.setDaemon(true);
    t.start();
  }

  /** Relays connections to {@code 127.0.0.1:targetPort}. */
  public static TcpRelay to(int targetPort) {
    try {
      return new TcpRelay(targetPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a relay port", e);
    }
  }

  public String url() {
    return "tcp://127.0.0.1:" + server.getLocalPort();
  }

  /** Drops every relayed connection now and refuses new ones. */
  public void block() {
    blocked = true;
    open.forEach(TcpRelay::closeQuietly);
    open.clear();
  }

  public void unblock() {
    blocked = false;
  }

  /** Stops relaying bytes from the server to the clients (they are kept, not dropped). */
  public void holdReplies() {
    synchronized (replies) {
      holdingReplies = true;
    }
  }

  public void releaseReplies() {
    synchronized (replies) {
      holdingReplies = false;
      replies.notifyAll();
    }
  }

  private void awaitRepliesReleased() throws IOException {
    synchronized (replies) {
      while (holdingReplies && !closed) {
        try {
          replies.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while holding replies", e);
        }
      }
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        if (blocked) {
          closeQuietly(client);
          continue;
        }
        relay(client);
      } catch (IOException e) {
        if (!closed) {
          continue; // a refused or failed connection; the client retries
        }
        return;
      }
    }
  }

  private void relay(Socket client) {
    Socket upstream;
    try {
      upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
    } catch (IOException e) {
      closeQuietly(client); // the broker is down: the client sees a dropped connection
      return;
    }
    open.add(client);
    open.add(upstream);
    pump(client, upstream, false);
    pump(upstream, client, true);
  }

  private void pump(Socket from, Socket to, boolean isReply) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  if (isReply) {
                    awaitRepliesReleased();
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side closed: close both below
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "tcp-relay-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    block();
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
