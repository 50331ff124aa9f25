package org.openvpp.gateway.ocpp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** One OCPP-J RPC frame (OCPP-J 1.6 §4): a CALL, its CALLRESULT or its CALLERROR. */
public sealed interface OcppFrame {
  int CALL = 2;
  int CALL_RESULT = 3;
  int CALL_ERROR = 4;

  String uniqueId();

  /** The frame as the text a WebSocket message carries. */
  String encode();

  record Call(String uniqueId, String action, JsonObject payload) implements OcppFrame {
    @Override
    public String encode() {
      return new JsonArray().add(CALL).add(uniqueId).add(action).add(payload).encode();
    }
  }

  record CallResult(String uniqueId, JsonObject payload) implements OcppFrame {
    @Override
    public String encode() {
      return new JsonArray().add(CALL_RESULT).add(uniqueId).add(payload).encode();
    }
  }

  record CallError(String uniqueId, OcppError code, String description, JsonObject details)
      implements OcppFrame {
    public static CallError of(String uniqueId, OcppError code, String description) {
      return new CallError(uniqueId, code, description, new JsonObject());
    }

    @Override
    public String encode() {
      return new JsonArray()
          .add(CALL_ERROR)
          .add(uniqueId)
          .add(code.wireName())
          .add(description)
          .add(details)
          .encode();
    }
  }
}
