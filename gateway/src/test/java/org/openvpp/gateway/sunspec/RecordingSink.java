package org.openvpp.gateway.sunspec;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openvpp.gateway.adapter.AdapterSink;
import org.openvpp.gateway.adapter.ConnectionState;
import org.openvpp.gateway.adapter.Measurement;

/** Keeps what an adapter reported, for tests that look at the adapter alone. */
final class RecordingSink implements AdapterSink {
  final List<Measurement> measurements = new CopyOnWriteArrayList<>();
  final List<ConnectionState> states = new CopyOnWriteArrayList<>();

  @Override
  public void measured(Measurement m) {
    measurements.add(m);
  }

  @Override
  public void connection(String localId, ConnectionState state) {
    states.add(state);
  }

  int count() {
    return measurements.size();
  }

  Measurement last() {
    return measurements.get(measurements.size() - 1);
  }
}
