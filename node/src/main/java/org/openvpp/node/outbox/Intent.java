package org.openvpp.node.outbox;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A transaction the node wants on chain.
 *
 * @param key caller-chosen idempotency key: enqueueing the same key twice is one intent
 * @param target the contract or account called, 0x + 40 hex
 * @param calldata 0x hex call data ({@code 0x} for a plain transfer)
 * @param valueWei wei sent along, ≥ 0
 */
public record Intent(String key, String target, String calldata, BigInteger valueWei) {
  public static final int MAX_KEY_LENGTH = 200;

  /** Far above any call the node makes; a bigger one is a bug, not a transaction. */
  public static final int MAX_CALLDATA_BYTES = 64 * 1024;

  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1," + MAX_KEY_LENGTH + "}");
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
  private static final Pattern HEX = Pattern.compile("0x([0-9a-f]{2})*");

  public Intent {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "intent key must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters, no spaces");
    }
    target = lower(target, "target");
    if (!ADDRESS.matcher(target).matches()) {
      throw new IllegalArgumentException("intent target must be 0x and 40 hex digits: " + target);
    }
    calldata = lower(calldata, "calldata");
    if (calldata.length() > 2 + 2 * MAX_CALLDATA_BYTES) {
      throw new IllegalArgumentException(
          "intent calldata longer than " + MAX_CALLDATA_BYTES + " bytes");
    }
    if (!HEX.matcher(calldata).matches()) {
      throw new IllegalArgumentException("intent calldata must be 0x and whole bytes of hex");
    }
    if (valueWei == null || valueWei.signum() < 0) {
      throw new IllegalArgumentException("intent value must be >= 0 wei");
    }
  }

  private static String lower(String s, String what) {
    if (s == null) {
      throw new IllegalArgumentException("intent " + what + " is missing");
    }
    return s.toLowerCase(Locale.ROOT);
  }
}
