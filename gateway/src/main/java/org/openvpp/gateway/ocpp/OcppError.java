package org.openvpp.gateway.ocpp;

import java.util.Arrays;
import java.util.Optional;

/** The CALLERROR codes of OCPP-J 1.6 §4.2.3, the only ones a 1.6 peer understands. */
public enum OcppError {
  NOT_IMPLEMENTED("NotImplemented"),
  NOT_SUPPORTED("NotSupported"),
  INTERNAL_ERROR("InternalError"),
  PROTOCOL_ERROR("ProtocolError"),
  SECURITY_ERROR("SecurityError"),
  FORMATION_VIOLATION("FormationViolation"),
  PROPERTY_CONSTRAINT_VIOLATION("PropertyConstraintViolation"),
  OCCURENCE_CONSTRAINT_VIOLATION("OccurenceConstraintViolation"),
  TYPE_CONSTRAINT_VIOLATION("TypeConstraintViolation"),
  GENERIC_ERROR("GenericError");

  private final String wireName;

  OcppError(String wireName) {
    this.wireName = wireName;
  }

  /** The code as OCPP-J spells it (the spec's own "Occurence" typo included). */
  public String wireName() {
    return wireName;
  }

  public static Optional<OcppError> fromWire(String name) {
    return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
  }
}
