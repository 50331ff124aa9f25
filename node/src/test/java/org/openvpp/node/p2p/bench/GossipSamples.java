package org.openvpp.node.p2p.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Gossip deliveries keyed by (message, receiver): each message must reach every peer but its
 * publisher exactly once. A missing, repeated or unexpected delivery fails the run; a count of
 * samples alone could hide one peer getting a message twice while another never got it.
 */
final class GossipSamples {
  private final int peers;
  private final double[][] latencyMs;
  private final int[] publisher;
  private final CountDownLatch[] arrivals;
  private int duplicates;
  private int unexpected;
  private final List<String> problems = new ArrayList<>();

  GossipSamples(int messages, int peers) {
    this.peers = peers;
    this.latencyMs = new double[messages][peers];
    this.publisher = new int[messages];
    this.arrivals = new CountDownLatch[messages];
    for (int m = 0; m < messages; m++) {
      java.util.Arrays.fill(latencyMs[m], Double.NaN);
      publisher[m] = -1;
      arrivals[m] = new CountDownLatch(peers - 1);
    }
  }

  int messages() {
    return latencyMs.length;
  }

  /** Recorded before the message is handed to the network, so no delivery can precede it. */
  synchronized void published(int message, int from) {
    publisher[message] = from;
  }

  synchronized void received(int message, int receiver, double ms) {
    if (message < 0
        || message >= latencyMs.length
        || receiver < 0
        || receiver >= peers
        || publisher[message] < 0
        || publisher[message] == receiver) {
      unexpected++;
      note("unexpected delivery of message " + message + " to peer " + receiver);
      return;
    }
    if (!Double.isNaN(latencyMs[message][receiver])) {
      duplicates++;
      note("message " + message + " delivered twice to peer " + receiver);
      return;
    }
    latencyMs[message][receiver] = ms;
    arrivals[message].countDown();
  }

  /** Waits until every receiver got {@code message}; false at the deadline. */
  boolean awaitAll(int message, long timeoutMs) throws InterruptedException {
    return arrivals[message].await(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /**
   * Latencies of messages {@code from} (inclusive) to {@code to} (exclusive), one per (message,
   * receiver), after checking every message below {@code to} was published and delivered to every
   * receiver exactly once.
   *
   * @throws IllegalStateException naming the first missing or bad deliveries
   */
  synchronized List<Double> checkedLatencies(int from, int to) {
    List<String> missing = new ArrayList<>();
    int missingCount = 0;
    List<Double> out = new ArrayList<>();
    for (int m = 0; m < to; m++) {
      if (publisher[m] < 0) {
        missingCount += peers - 1;
        note("message " + m + " never published");
        continue;
      }
      for (int r = 0; r < peers; r++) {
        if (r == publisher[m]) {
          continue;
        }
        if (Double.isNaN(latencyMs[m][r])) {
          missingCount++;
          if (missing.size() < 10) {
            missing.add("(message " + m + ", peer " + r + ")");
          }
        } else if (m >= from) {
          out.add(latencyMs[m][r]);
        }
      }
    }
    if (missingCount > 0 || duplicates > 0 || unexpected > 0) {
      throw new IllegalStateException(
          "gossip deliveries wrong: "
              + missingCount
              + " missing "
              + missing
              + ", "
              + duplicates
              + " duplicate, "
              + unexpected
              + " unexpected "
              + problems);
    }
    return out;
  }

  private void note(String problem) {
    if (problems.size() < 10) {
      problems.add(problem);
    }
  }
}
