package org.openvpp.node.chain;

import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Function;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.methods.response.Log;

/**
 * One typed listener for one event of one contract, e.g. {@code new Subscription<>(registry,
 * DeviceRegistry.DEVICEREVOKED_EVENT, DeviceRegistry::getDeviceRevokedEventFromLog, listener)}.
 *
 * @param <E> the decoded event type
 * @param contract the emitting contract's address
 * @param event the ABI event (selects topic 0)
 * @param decoder turns a raw log into the typed event
 * @param listener who hears it
 */
public record Subscription<E>(
    String contract, Event event, Function<Log, E> decoder, ChainListener<E> listener) {

  /** The key the follower dispatches on: contract address and topic 0, lower case. */
  String key() {
    return key(contract, EventEncoder.encode(event));
  }

  static String key(String contract, String topic0) {
    return (contract + "/" + topic0).toLowerCase(Locale.ROOT);
  }

  void apply(Log log, EventContext context) throws SQLException {
    listener.apply(decoder.apply(log), context);
  }

  void undo(Log log, EventContext context) throws SQLException {
    listener.undo(decoder.apply(log), context);
  }
}
