package org.openvpp.testnet.bench.footprint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import org.openvpp.testnet.bench.footprint.NodeFootprint.RunResult;

/** {@code bench/results/node.json}: every run as measured, and median/min/max after the first. */
final class FootprintReport {
  static final long GOAL_RSS_MB = 300;
  static final long GOAL_STARTUP_MS = 5_000;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private FootprintReport() {}

  static ObjectNode of(
      List<RunResult> runs, NodeFootprint options, double loadBefore, double loadAfter, Instant at)
      throws IOException {
    List<RunResult> later = runs.subList(1, runs.size());
    RunResult first = runs.get(0);
    ObjectNode meta = JSON.objectNode();
    meta.put(
        "command",
        "./vpp bench-node --runs "
            + options.runs
            + " --devices "
            + options.devices
            + " --idle-seconds "
            + options.idleSeconds
            + " --reading-period-ms "
            + options.readingPeriodMs);
    meta.put("date", at.toString());
    meta.set("machine", MachineFacts.detect());
    meta.put("jdk", first.jdk());
    meta.put("broker", first.broker());
    meta.put("loadAverage1mBefore", loadBefore);
    meta.put("loadAverage1mAfter", loadAfter);
    meta.put("devices", options.devices);
    meta.put("idleSeconds", options.idleSeconds);
    meta.put("readingPeriodMs", options.readingPeriodMs);
    meta.put(
        "method",
        "startupMs: launch of `./vpp node` to the first 200 of GET /v1/health, a new JVM each"
            + " run; jvmStartupMs: the node's own log, JVM start to all parts started;"
            + " rssMb: VmRSS of the node's JVM plus every process it started (a broker child),"
            + " read after idleSeconds with the devices connected and every device seen online"
            + " with readings in GET /v1/devices (the run fails otherwise); the first run is"
            + " the first start after the build (jars not yet in the OS cache) and is"
            + " reported apart; the rest give median, min and max.");
    ObjectNode root = JSON.objectNode();
    root.set("_meta", meta);
    ObjectNode summary = JSON.objectNode();
    summary.put("devices", options.devices);
    summary.set("startupMs", stats(later, RunResult::startupMs));
    summary.put("firstStartupMs", first.startupMs());
    summary.set("jvmStartupMs", stats(later, RunResult::jvmStartupMs));
    summary.set("rssMb", stats(later, r -> r.memory().totalKb() / 1024));
    summary.set("jvmRssMb", stats(later, r -> r.memory().jvmKb() / 1024));
    summary.set("childProcessRssMb", stats(later, r -> r.memory().childrenKb() / 1024));
    summary.set("stopMs", stats(later, RunResult::stopMs));
    long startup = summary.get("startupMs").get("median").asLong();
    long rss = summary.get("rssMb").get("median").asLong();
    ObjectNode goals = JSON.objectNode();
    goals.put("startupMsBelow", GOAL_STARTUP_MS);
    goals.put("rssMbBelow", GOAL_RSS_MB);
    summary.set("goals", goals);
    summary.put("goalsMet", startup < GOAL_STARTUP_MS && rss < GOAL_RSS_MB);
    root.set("summary", summary);
    ArrayNode all = root.putArray("runs");
    for (RunResult r : runs) {
      ObjectNode o = all.addObject();
      o.put("startupMs", r.startupMs());
      o.put("jvmStartupMs", r.jvmStartupMs());
      o.put("devicesSeen", r.devicesSeen());
      o.put("jvmRssMb", r.memory().jvmKb() / 1024);
      ArrayNode children = o.putArray("children");
      r.memory()
          .children()
          .forEach(
              c -> children.addObject().put("command", c.command()).put("rssMb", c.rssKb() / 1024));
      o.put("rssMb", r.memory().totalKb() / 1024);
      o.put("stopMs", r.stopMs());
    }
    return root;
  }

  private static ObjectNode stats(List<RunResult> runs, ToLongFunction<RunResult> f) {
    long[] v = runs.stream().mapToLong(f).sorted().toArray();
    ObjectNode o = JSON.objectNode();
    if (v.length == 0) {
      return o;
    }
    o.put(
        "median",
        v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
    o.put("min", v[0]);
    o.put("max", v[v.length - 1]);
    o.set("values", JSON.arrayNode().addAll(Arrays.stream(v).mapToObj(JSON::numberNode).toList()));
    return o;
  }
}
