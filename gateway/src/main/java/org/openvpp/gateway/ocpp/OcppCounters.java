package org.openvpp.gateway.ocpp;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counts of what the central system refused or dropped, by reason; read from any thread. */
public final class OcppCounters {
  /** Why something a charger sent did not become a reading or an accepted connection. */
  public enum Reason {
    /** The identity in the URL is not a configured charger. */
    UNKNOWN_CHARGER,
    /** The client did not offer the ocpp1.6 subprotocol, or the URL path was wrong. */
    BAD_HANDSHAKE,
    /** A second connection for an identity already connected replaced the first. */
    REPLACED_CONNECTION,
    /** A frame that is not an OCPP-J frame (answered with FormationViolation). */
    MALFORMED_FRAME,
    /** A broken CALLRESULT/CALLERROR, or one for no pending request (never answered). */
    STRAY_ANSWER,
    /** A WebSocket frame or message larger than the configured limit (closed with 1009). */
    OVERSIZE_FRAME,
    /** A binary WebSocket message (OCPP-J is text only). */
    BINARY_FRAME,
    /** A CALL answered with a CALLERROR (by code in {@link #errors}). */
    CALL_REFUSED,
    /** A meter value not newer than the last accepted one (a replay or reordering). */
    OUT_OF_ORDER,
    /** A register lower than the last accepted one. */
    REGISTER_DECREASED,
    /** A meter value stamped further in the future than the allowed clock skew. */
    CLOCK_SKEW,
    /** A meter value without Energy.Active.Import.Register: no reading can be signed from it. */
    NO_REGISTER
  }

  private final Map<Reason, AtomicLong> counts = new EnumMap<>(Reason.class);
  private final Map<OcppError, AtomicLong> errors = new EnumMap<>(OcppError.class);
  private final AtomicLong readings = new AtomicLong();

  public OcppCounters() {
    for (Reason r : Reason.values()) {
      counts.put(r, new AtomicLong());
    }
    for (OcppError e : OcppError.values()) {
      errors.put(e, new AtomicLong());
    }
  }

  void count(Reason r) {
    counts.get(r).incrementAndGet();
  }

  void refused(OcppError code) {
    count(Reason.CALL_REFUSED);
    errors.get(code).incrementAndGet();
  }

  void reading() {
    readings.incrementAndGet();
  }

  public long get(Reason r) {
    return counts.get(r).get();
  }

  /** CALLERRORs sent with this code (FormationViolation for malformed frames included). */
  public long errors(OcppError code) {
    return errors.get(code).get();
  }

  /** Meter values that became readings. */
  public long readings() {
    return readings.get();
  }
}
