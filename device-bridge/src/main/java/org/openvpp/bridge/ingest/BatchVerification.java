package org.openvpp.bridge.ingest;

import org.openvpp.bridge.protocol.Decoded;
import org.openvpp.bridge.protocol.ReadingBatch;
import org.openvpp.bridge.protocol.ReadingBatchCodec;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.verify.CursorTable;
import org.openvpp.bridge.verify.ReadingVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch rule (protocol §5.7): a batch that is malformed as a whole (size, JSON, envelope,
 * version, an element that is not a well-formed reading of the topic's device, sequences not
 * ascending) is rejected as a whole and settles nothing. Otherwise each reading is verified in
 * order, exactly as if it had come in its own message: a reading with a bad signature, a replayed
 * or an implausible one is rejected alone, the others are stored; the message is acknowledged once,
 * when its last reading is settled. Runs on the device's partition thread.
 */
final class BatchVerification {
  private static final Logger LOG = LoggerFactory.getLogger(BatchVerification.class);

  private final ReadingPipeline pipeline;
  private final ReadingVerifier verifier;
  private final CursorTable cursors;

  BatchVerification(ReadingPipeline pipeline, ReadingVerifier verifier, CursorTable cursors) {
    this.pipeline = pipeline;
    this.verifier = verifier;
    this.cursors = cursors;
  }

  void verify(ReadingPipeline.Item item) throws InterruptedException {
    Decoded<ReadingBatch> decoded = ReadingBatchCodec.decode(item.message().payload());
    if (!decoded.isOk()) {
      pipeline.reject(item.topicDevice(), item.message(), decoded.reason().get(), decoded.detail());
      return;
    }
    ReadingBatch batch = decoded.value().get();
    if (!batch.device().equals(item.topicDevice())) {
      pipeline.reject(
          item.topicDevice(),
          item.message(),
          RejectionReason.TOPIC_MISMATCH,
          batch.device() + " on topic of " + item.topicDevice());
      return;
    }
    Delivery delivery = new Delivery(item.message(), batch.readings().size());
    for (SignedReading reading : batch.readings()) {
      verifyOne(item, delivery, reading);
    }
  }

  private void verifyOne(ReadingPipeline.Item item, Delivery delivery, SignedReading reading)
      throws InterruptedException {
    Decoded<SignedReading> verdict;
    try {
      verdict = verifier.verify(item.topicDevice(), reading, cursors);
    } catch (RuntimeException e) {
      LOG.error("verifying a reading of a batch on {} failed", item.message().topic(), e);
      rejected(item, delivery, reading, RejectionReason.HANDLER_FAILED, e.toString());
      return;
    }
    if (verdict.isOk()) {
      pipeline.store(delivery, verdict.value().get(), item.receivedMs());
    } else {
      rejected(item, delivery, reading, verdict.reason().get(), verdict.detail());
    }
  }

  private void rejected(
      ReadingPipeline.Item item,
      Delivery delivery,
      SignedReading reading,
      RejectionReason reason,
      String detail) {
    pipeline.count(
        item.topicDevice(), reason, "sequence " + reading.reading().sequence() + ": " + detail);
    try {
      if (ReadingPipeline.SETTLING.contains(reason)) {
        pipeline.settleRejected(reading);
      } else if (reason == RejectionReason.DUPLICATE) {
        pipeline.resendReceipt(reading.reading().device());
      }
    } catch (RuntimeException e) {
      LOG.error("settling a rejected reading of a batch failed; its device re-sends it", e);
    }
    pipeline.settledByRejection(delivery);
  }
}
