package org.openvpp.node.api.model;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A device the node manages, with its live state from the bridge's fleet view.
 *
 * @param device device address (lower-case hex)
 * @param owner owner address from the DeviceRegistry, if known
 * @param deviceClass device class name ({@code HOME_BATTERY}, …), if registered
 * @param ratedPowerW rated power, W (0 if unknown)
 * @param online whether its availability says online
 * @param powerW last verified power, W, + = export / discharge
 * @param socPermille last verified state of charge, ‰
 * @param lastReadingMs UTC ms of the last verified reading, 0 if none
 * @param envelope the device's last published envelope (baseline, min, max W), if any
 * @param assurance who signs its readings ({@code DEVICE_SIGNED} or {@code GATEWAY_SIGNED}, from
 *     the DeviceRegistry), if registered
 */
public record DeviceView(
    String device,
    Optional<String> owner,
    Optional<String> deviceClass,
    long ratedPowerW,
    boolean online,
    long powerW,
    int socPermille,
    long lastReadingMs,
    Optional<Envelope> envelope,
    Optional<String> assurance)
    implements JsonView {

  /** What the device says it may be set to now, W. */
  public record Envelope(long baselineW, long minPowerW, long maxPowerW, long timestampMs) {}

  @Override
  public JsonObject toJson() {
    JsonObject o =
        new JsonObject()
            .put("device", device)
            .put("owner", owner.orElse(null))
            .put("deviceClass", deviceClass.orElse(null))
            .put("ratedPowerW", ratedPowerW)
            .put("online", online)
            .put("powerW", powerW)
            .put("socPermille", socPermille)
            .put("lastReadingMs", lastReadingMs)
            .put("assurance", assurance.orElse(null));
    o.put(
        "envelope",
        envelope
            .map(
                e ->
                    new JsonObject()
                        .put("baselineW", e.baselineW())
                        .put("minPowerW", e.minPowerW())
                        .put("maxPowerW", e.maxPowerW())
                        .put("timestampMs", e.timestampMs()))
            .orElse(null));
    return o;
  }
}
