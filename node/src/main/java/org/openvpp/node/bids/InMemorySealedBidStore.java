package org.openvpp.node.bids;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openvpp.contracts.market.SealedBid;

/** A {@link SealedBidStore} that lives as long as the process: tests and scenario drivers. */
public final class InMemorySealedBidStore implements SealedBidStore {
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  private static String key(String node, BigInteger requestId) {
    return node.toLowerCase(Locale.ROOT) + "/" + requestId;
  }

  @Override
  public boolean insert(SealedBid bid) {
    return entries.putIfAbsent(key(bid.node(), bid.requestId()), new Entry(bid, BidStatus.SEALED))
        == null;
  }

  @Override
  public Optional<Entry> find(String node, BigInteger requestId) {
    return Optional.ofNullable(entries.get(key(node, requestId)));
  }

  @Override
  public void update(String node, BigInteger requestId, BidStatus status) {
    Entry changed =
        entries.computeIfPresent(
            key(node, requestId),
            (k, e) -> {
              if (!e.status().mayBecome(status)) {
                throw new IllegalStateException(
                    "bid on request "
                        + requestId
                        + " cannot go from "
                        + e.status()
                        + " to "
                        + status);
              }
              return new Entry(e.bid(), status);
            });
    if (changed == null) {
      throw new IllegalStateException("no bid on request " + requestId);
    }
  }

  @Override
  public List<Entry> withStatus(String node, BidStatus status) {
    String prefix = node.toLowerCase(Locale.ROOT) + "/";
    return entries.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix) && e.getValue().status() == status)
        .map(Map.Entry::getValue)
        .sorted(java.util.Comparator.comparing(e -> e.bid().requestId()))
        .toList();
  }
}
