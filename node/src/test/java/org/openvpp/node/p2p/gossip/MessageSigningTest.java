package org.openvpp.node.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.crypto.PrivateKey;
import org.openvpp.node.p2p.crypto.Secp256k1Keys;
import org.openvpp.node.p2p.gossip.MessageSigning.Verdict;

class MessageSigningTest {
  private final PrivateKey key = Ed25519Keys.generate();
  private final PubMessage signed =
      MessageSigning.sign(key, "topic", "data".getBytes(StandardCharsets.UTF_8), 7);

  @Test
  void aSignedMessageVerifiesWithOrWithoutTheInlinedKey() {
    assertThat(MessageSigning.verify(signed)).isEqualTo(Verdict.ACCEPT);
    PubMessage noKey =
        new PubMessage(
            signed.from(), signed.data(), signed.seqno(), "topic", signed.signature(), null);
    assertThat(MessageSigning.verify(noKey)).isEqualTo(Verdict.ACCEPT);
    PubMessage secp = MessageSigning.sign(Secp256k1Keys.generate(), "t", new byte[0], 1);
    assertThat(MessageSigning.verify(secp)).isEqualTo(Verdict.ACCEPT);
  }

  @Test
  void changingAnySignedFieldBreaksTheSignature() {
    byte[] otherSeq = signed.seqno().clone();
    otherSeq[7]++;
    for (PubMessage m :
        List.of(
            new PubMessage(
                signed.from(),
                new byte[] {1},
                signed.seqno(),
                "topic",
                signed.signature(),
                signed.key()),
            new PubMessage(
                signed.from(), signed.data(), otherSeq, "topic", signed.signature(), signed.key()),
            new PubMessage(
                signed.from(),
                signed.data(),
                signed.seqno(),
                "other",
                signed.signature(),
                signed.key()))) {
      assertThat(MessageSigning.verify(m)).isEqualTo(Verdict.REJECT_BAD_SIGNATURE);
    }
  }

  @Test
  void missingFieldsAndForeignKeysAreRejected() {
    assertThat(
            MessageSigning.verify(
                new PubMessage(
                    null, signed.data(), signed.seqno(), "topic", signed.signature(), null)))
        .isEqualTo(Verdict.REJECT_MISSING_FIELDS);
    assertThat(
            MessageSigning.verify(
                new PubMessage(
                    signed.from(), signed.data(), new byte[3], "topic", signed.signature(), null)))
        .isEqualTo(Verdict.REJECT_MISSING_FIELDS);
    assertThat(
            MessageSigning.verify(
                new PubMessage(
                    new byte[] {9, 9},
                    signed.data(),
                    signed.seqno(),
                    "topic",
                    signed.signature(),
                    null)))
        .isEqualTo(Verdict.REJECT_BAD_AUTHOR);
    byte[] otherKey = Ed25519Keys.generate().publicKey().marshal();
    assertThat(
            MessageSigning.verify(
                new PubMessage(
                    signed.from(),
                    signed.data(),
                    signed.seqno(),
                    "topic",
                    signed.signature(),
                    otherKey)))
        .isEqualTo(Verdict.REJECT_BAD_KEY);
  }

  @Test
  void theMessageIdIsAuthorThenSeqno() {
    byte[] id = MessageSigning.id(signed).bytes();
    assertThat(id).hasSize(signed.from().length + 8).endsWith(signed.seqno());
  }

  @Test
  void rpcsRoundTripAndGarbageDecodesToEmpty() {
    Rpc rpc =
        new Rpc(
            List.of(new Rpc.Subscription(true, "a"), new Rpc.Subscription(false, "b")),
            List.of(signed),
            new Rpc.Control(
                List.of(new Rpc.IHave("a", List.of(new byte[] {1, 2}))),
                List.of(new byte[] {3}),
                List.of("a"),
                List.of(new Rpc.Prune("b", 60))));
    Rpc back = Rpc.decode(rpc.encode()).orElseThrow();
    assertThat(back.subscriptions()).isEqualTo(rpc.subscriptions());
    assertThat(back.publish()).containsExactly(signed);
    assertThat(back.control().graft()).containsExactly("a");
    assertThat(back.control().prune()).containsExactly(new Rpc.Prune("b", 60));
    assertThat(back.control().ihave().get(0).messageIds().get(0)).containsExactly(1, 2);
    assertThat(back.control().iwant().get(0)).containsExactly(3);
    assertThat(Rpc.decode(new byte[] {(byte) 0xFF, (byte) 0xFF, 1})).isEmpty();
  }
}
