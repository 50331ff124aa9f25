package org.openvpp.bridge.protocol;

import java.util.Optional;

/**
 * The result of decoding an untrusted payload: a value, or a rejection reason with a short detail
 * for logs. Never thrown.
 */
public record Decoded<T>(Optional<T> value, Optional<RejectionReason> reason, String detail) {

  public static <T> Decoded<T> ok(T value) {
    return new Decoded<>(Optional.of(value), Optional.empty(), "");
  }

  public static <T> Decoded<T> rejected(RejectionReason reason, String detail) {
    return new Decoded<>(Optional.empty(), Optional.of(reason), detail);
  }

  public boolean isOk() {
    return value.isPresent();
  }
}
