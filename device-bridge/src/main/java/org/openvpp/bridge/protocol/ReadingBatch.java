package org.openvpp.bridge.protocol;

import java.util.List;

/**
 * Several signed readings of one device in one message ({@code vpp/1/d/{device}/readings}). Each
 * reading keeps its own signature, so it is evidence on its own exactly as if it had come alone.
 *
 * @param device the publishing device (equals every reading's device)
 * @param readings 1 … {@link Protocol#MAX_BATCH_READINGS} readings, sequences strictly ascending
 */
public record ReadingBatch(String device, List<SignedReading> readings) {
  public ReadingBatch {
    readings = List.copyOf(readings);
  }
}
