package org.openvpp.bridge.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openvpp.contracts.testing.bench.Summary;

/** Issue 14's goals, judged on the medians of this run (met or not, with the measured value). */
final class Goals {
  private Goals() {}

  static Map<String, Object> evaluate(Map<String, Object> json) {
    Map<String, Object> g = new LinkedHashMap<>();
    double verified = median(json.get("verifiedStoredReadingsPerSecond"));
    g.put("verifiedStoredReadingsPerSecond >= 20000", goal(verified, verified >= 20_000));
    double ratio = median(json.get("verifiedToRawRatio"));
    g.put("verifiedToRawRatio >= 0.5", goal(ratio, ratio >= 0.5));
    double call99 = median(keyed(json, "dispatchCallTo99PctAckMs"));
    g.put("dispatchCallTo99PctAckMs[10000] < 1000", goal(call99, call99 < 1_000));
    double p99 = median(keyed(json, "dispatchAckFromCallP99Ms"));
    g.put("dispatchAckFromCallP99Ms[10000] < 250 (stretch)", goal(p99, p99 < 250));
    double def = median(json.get("defaultBrokerReadingsPerSecond"));
    g.put("defaultBrokerReadingsPerSecond >= 10000", goal(def, def >= 10_000));
    double start = median(json.get("defaultBrokerBridgeStartMs"));
    g.put("defaultBrokerBridgeStartMs < 5000", goal(start, start < 5_000));
    return g;
  }

  private static Object keyed(Map<String, Object> json, String key) {
    return ((Map<?, ?>) json.get(key)).get("10000");
  }

  /** NaN when the figure was not measured (a quick run without 10,000 devices). */
  private static double median(Object summary) {
    return summary == null ? Double.NaN : ((Summary) summary).median();
  }

  private static Map<String, Object> goal(double median, boolean met) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("median", median);
    m.put("met", met);
    return m;
  }
}
