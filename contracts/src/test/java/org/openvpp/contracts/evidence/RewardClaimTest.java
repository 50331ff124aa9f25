package org.openvpp.contracts.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.merkle.StandardMerkleTree;

/** An owner's claim out of a node's ledger: amount and proof against the ledger's root. */
class RewardClaimTest {
  private static final String NODE = "0x00000000000000000000000000000000000000ee";
  private static final String A = "0x000000000000000000000000000000000000000A";
  private static final String B = "0x000000000000000000000000000000000000000b";

  @Test
  void aClaimVerifiesAgainstTheLedgersRoot() {
    RewardLedger ledger =
        new RewardLedger(Map.of(A, BigInteger.valueOf(700), B, BigInteger.valueOf(300)));
    RewardClaim claim = ledger.claim(NODE, A).orElseThrow();
    assertThat(claim.owner()).isEqualTo(A.toLowerCase());
    assertThat(claim.node()).isEqualTo(NODE);
    assertThat(claim.cumulativeAmount()).isEqualTo(BigInteger.valueOf(700));
    byte[] leaf = StandardMerkleTree.leafHash(RewardTree.encode(A, BigInteger.valueOf(700)));
    assertThat(StandardMerkleTree.verify(ledger.root(), leaf, claim.proof())).isTrue();
    assertThat(ledger.claim(NODE, "0x00000000000000000000000000000000000000cc")).isEmpty();
  }

  @Test
  void aClaimCannotBeAlteredThroughItsProof() {
    RewardLedger ledger =
        new RewardLedger(Map.of(A, BigInteger.valueOf(1), B, BigInteger.valueOf(2)));
    RewardClaim claim = ledger.claim(NODE, B).orElseThrow();
    claim.proof().get(0)[0] ^= 1;
    byte[] leaf = StandardMerkleTree.leafHash(RewardTree.encode(B, BigInteger.TWO));
    assertThat(StandardMerkleTree.verify(ledger.root(), leaf, claim.proof())).isTrue();
  }

  @Test
  void refusesMalformedClaims() {
    assertThatThrownBy(() -> new RewardClaim("0x1", A, BigInteger.ONE, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RewardClaim(NODE, A, BigInteger.ONE.negate(), List.of()))
        .hasMessageContaining("negative");
  }

  @Test
  void ledgersAreValuesAndAnEmptyOneHasNoClaims() {
    RewardLedger a = new RewardLedger(Map.of(A, BigInteger.TEN));
    assertThat(a).isEqualTo(new RewardLedger(Map.of(A.toLowerCase(), BigInteger.TEN)));
    assertThat(new RewardLedger().isEmpty()).isTrue();
    assertThat(new RewardLedger().claim(NODE, A)).isEmpty();
  }
}
