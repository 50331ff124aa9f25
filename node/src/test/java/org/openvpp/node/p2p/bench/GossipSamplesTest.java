package org.openvpp.node.p2p.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The benchmark's delivery check: a run that lost, repeated or misrouted a message must fail. */
class GossipSamplesTest {
  private static GossipSamples twoMessagesFromPeer0(int peers) {
    GossipSamples s = new GossipSamples(2, peers);
    s.published(0, 0);
    s.published(1, 0);
    return s;
  }

  @Test
  void everyReceiverGettingEveryMessageOnceGivesOneSampleEach() throws Exception {
    GossipSamples s = twoMessagesFromPeer0(3);
    for (int m = 0; m < 2; m++) {
      s.received(m, 1, 1.0 + m);
      s.received(m, 2, 3.0 + m);
    }
    assertThat(s.awaitAll(1, 0)).isTrue();
    assertThat(s.checkedLatencies(0, 2)).containsExactly(1.0, 3.0, 2.0, 4.0);
    assertThat(s.checkedLatencies(1, 2)).containsExactly(2.0, 4.0);
  }

  @Test
  void aMissingDeliveryFailsEvenWhenADuplicateMakesTheCountRight() throws Exception {
    GossipSamples s = twoMessagesFromPeer0(3);
    s.received(0, 1, 1.0);
    s.received(0, 2, 1.0);
    s.received(1, 1, 1.0);
    s.received(1, 1, 1.5); // peer 1 twice, peer 2 never: still 4 samples
    assertThat(s.awaitAll(1, 0)).isFalse();
    assertThatThrownBy(() -> s.checkedLatencies(0, 2))
        .hasMessageContaining("1 missing [(message 1, peer 2)]")
        .hasMessageContaining("1 duplicate");
  }

  @Test
  void aDeliveryToThePublisherOrOfAnUnknownMessageFails() {
    GossipSamples s = twoMessagesFromPeer0(2);
    s.received(0, 1, 1.0);
    s.received(1, 1, 1.0);
    s.received(0, 0, 1.0); // the publisher itself
    s.received(7, 1, 1.0); // never published
    assertThatThrownBy(() -> s.checkedLatencies(0, 2)).hasMessageContaining("2 unexpected");
  }

  @Test
  void aMessageNeverPublishedCountsAsMissing() {
    GossipSamples s = new GossipSamples(2, 2);
    s.published(0, 0);
    s.received(0, 1, 1.0);
    assertThat(s.checkedLatencies(0, 1)).containsExactly(1.0);
    assertThatThrownBy(() -> s.checkedLatencies(0, 2)).hasMessageContaining("never published");
  }
}
