package org.openvpp.testnet.nodeprocess;

import java.util.List;

/** Resident memory of the node's JVM and of its child processes (a broker it started), KiB. */
public record MemoryUse(long jvmKb, List<Child> children) {
  public record Child(String command, long rssKb) {}

  public long childrenKb() {
    return children.stream().mapToLong(Child::rssKb).sum();
  }

  public long totalKb() {
    return jvmKb + childrenKb();
  }
}
