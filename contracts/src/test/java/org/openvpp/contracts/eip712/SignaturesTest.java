package org.openvpp.contracts.eip712;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

class SignaturesTest {
  private static final Credentials KEY =
      Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  private static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  private final byte[] digest = Hash.sha3("reading".getBytes());

  @Test
  void recoversTheSignerOfAValidSignature() {
    byte[] sig = Signatures.sign(digest, KEY.getEcKeyPair());
    assertThat(Signatures.recoverAddress(digest, sig)).contains(KEY.getAddress());
  }

  @Test
  void aSignatureOverAnotherDigestRecoversSomeoneElse() {
    byte[] sig = Signatures.sign(digest, KEY.getEcKeyPair());
    assertThat(Signatures.recoverAddress(Hash.sha3("other".getBytes()), sig))
        .isPresent()
        .get()
        .isNotEqualTo(KEY.getAddress());
  }

  @Test
  void rejectsMalleableHighSSignaturesLikeOpenZeppelin() {
    byte[] sig = Signatures.sign(digest, KEY.getEcKeyPair());
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
    byte[] highS = org.web3j.utils.Numeric.toBytesPadded(N.subtract(s), 32);
    byte[] flipped = sig.clone();
    System.arraycopy(highS, 0, flipped, 32, 32);
    flipped[64] = (byte) (sig[64] == 27 ? 28 : 27);
    assertThat(Signatures.recoverAddress(digest, flipped)).isEmpty();
  }

  @Test
  void rejectsTruncatedSignaturesAndBadRecoveryIds() {
    byte[] sig = Signatures.sign(digest, KEY.getEcKeyPair());
    assertThat(Signatures.recoverAddress(digest, java.util.Arrays.copyOf(sig, 64))).isEmpty();
    byte[] badV = sig.clone();
    badV[64] = 5;
    assertThat(Signatures.recoverAddress(digest, badV)).isEmpty();
    assertThat(Signatures.recoverAddress(digest, new byte[65])).isEmpty();
    byte[] rTooLarge = sig.clone();
    System.arraycopy(org.web3j.utils.Numeric.toBytesPadded(N, 32), 0, rTooLarge, 0, 32);
    assertThat(Signatures.hasAcceptableForm(digest, rTooLarge)).isFalse();
    assertThat(Signatures.recoverAddress(digest, rTooLarge)).isEmpty();
    assertThat(Signatures.recoverAddress(digest, null)).isEmpty();
  }

  @Test
  void abiWordsRejectOutOfRangeValues() {
    assertThatThrownBy(() -> AbiWords.checkAddress("0x1234"))
        .hasMessageContaining("not an address");
    assertThatThrownBy(() -> AbiWords.uint256(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AbiWords.uint256(BigInteger.ONE.shiftLeft(256)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(AbiWords.int256(-1)).containsOnly((byte) 0xff);
  }
}
