package org.openvpp.bridge.protocol;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MQTT topic names of protocol version 1. Addresses in topics are lower-case 0x hex. */
public final class Topics {
  public static final String ROOT = "vpp/1";
  public static final String READING = "reading";

  /** A batch of signed readings in one message (protocol 1, revision 2). */
  public static final String READINGS = "readings";

  public static final String AVAILABILITY = "availability";
  public static final String LIMITS = "limits";
  public static final String ACK = "ack";
  public static final String COMMAND = "cmd";
  public static final String RECEIPT = "receipt";

  private static final Pattern DEVICE_TOPIC =
      Pattern.compile(
          "vpp/1/d/(0x[0-9a-f]{40})/(reading|readings|availability|limits|ack|cmd|receipt)");

  private Topics() {}

  public static String device(String device, String leaf) {
    return ROOT + "/d/" + device + "/" + leaf;
  }

  /** Subscription filter for one leaf of every device, e.g. {@code vpp/1/d/+/reading}. */
  public static String allDevices(String leaf) {
    return ROOT + "/d/+/" + leaf;
  }

  public static String heartbeat(String node) {
    return ROOT + "/n/" + node + "/heartbeat";
  }

  /** Group commands of a node: one signed message with setpoints for many of its devices. */
  public static String groupCommand(String node) {
    return ROOT + "/n/" + node + "/" + COMMAND;
  }

  /** The device address and leaf of a device topic, if it is one. */
  public static Optional<DeviceTopic> parse(String topic) {
    Matcher m = DEVICE_TOPIC.matcher(topic);
    return m.matches() ? Optional.of(new DeviceTopic(m.group(1), m.group(2))) : Optional.empty();
  }

  /** A parsed device topic. */
  public record DeviceTopic(String device, String leaf) {}
}
