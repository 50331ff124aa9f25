package org.openvpp.node.p2p.reqresp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.node.p2p.reqresp.EvidenceMessages.EvidenceBatch;
import org.openvpp.node.p2p.reqresp.EvidenceMessages.EvidenceRequest;

class EvidenceMessagesTest {
  @Test
  void requestsRoundTripAndInvalidOnesAreRefused() {
    byte[] root = new byte[32];
    EvidenceRequest r =
        EvidenceRequest.decode(new EvidenceRequest(root, 5, 100).encode()).orElseThrow();
    assertThat(r.offset()).isEqualTo(5);
    assertThat(r.limit()).isEqualTo(100);
    assertThat(EvidenceRequest.decode(new EvidenceRequest(new byte[31], 0, 1).encode())).isEmpty();
    assertThat(EvidenceRequest.decode(new EvidenceRequest(root, 0, 0).encode())).isEmpty();
    assertThat(
            EvidenceRequest.decode(
                new EvidenceRequest(root, 0, EvidenceMessages.MAX_PAGE + 1).encode()))
        .isEmpty();
    assertThat(EvidenceRequest.decode(new byte[] {(byte) 0xFF})).isEmpty();
  }

  @Test
  void batchesAndResponsesRoundTrip() {
    EvidenceBatch b = new EvidenceBatch(List.of(new byte[] {1}, new byte[] {2, 3}), true);
    EvidenceBatch back = EvidenceBatch.decode(b.encode()).orElseThrow();
    assertThat(back.leaves()).hasSize(2);
    assertThat(back.more()).isTrue();
    Response ok = Response.decode(Response.ok(b.encode()).encode()).orElseThrow();
    assertThat(ok.status()).isEqualTo(Response.Status.OK);
    Response nf =
        Response.decode(Response.error(Response.Status.NOT_FOUND, "no such root").encode())
            .orElseThrow();
    assertThat(nf.status()).isEqualTo(Response.Status.NOT_FOUND);
    assertThat(nf.error()).isEqualTo("no such root");
    assertThat(Response.decode(new byte[] {8, 99})).isEmpty();
  }
}
