package org.openvpp.contracts.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/** The sealed bid a node keeps between commit and reveal. */
class SealedBidTest {
  private static final String NODE = "0x00000000000000000000000000000000000000Ee";
  private static final BigInteger PRICE = BigInteger.TEN.pow(17);

  @Test
  void everyFieldIsInTheCommitment() {
    SealedBid bid = SealedBid.seal(BigInteger.ONE, NODE, 3_000, PRICE);
    byte[] c = bid.commitment();
    assertThat(c).isEqualTo(BidCommitment.of(BigInteger.ONE, NODE, 3_000, PRICE, bid.salt()));
    byte[] salt = bid.salt();
    assertThat(new SealedBid(BigInteger.TWO, NODE, 3_000, PRICE, salt).commitment())
        .isNotEqualTo(c);
    assertThat(
            new SealedBid(
                    BigInteger.ONE,
                    "0x00000000000000000000000000000000000000ef",
                    3_000,
                    PRICE,
                    salt)
                .commitment())
        .isNotEqualTo(c);
    assertThat(new SealedBid(BigInteger.ONE, NODE, 3_001, PRICE, salt).commitment())
        .isNotEqualTo(c);
    assertThat(
            new SealedBid(BigInteger.ONE, NODE, 3_000, PRICE.add(BigInteger.ONE), salt)
                .commitment())
        .isNotEqualTo(c);
    salt[31] ^= 1;
    assertThat(new SealedBid(BigInteger.ONE, NODE, 3_000, PRICE, salt).commitment())
        .isNotEqualTo(c);
  }

  @Test
  void everySealHasItsOwnSaltAndItCannotBeChangedFromOutside() {
    SealedBid a = SealedBid.seal(BigInteger.ONE, NODE, 3_000, PRICE);
    SealedBid b = SealedBid.seal(BigInteger.ONE, NODE, 3_000, PRICE);
    assertThat(a.salt()).isNotEqualTo(b.salt());
    byte[] c = a.commitment();
    a.salt()[0] ^= 1;
    assertThat(a.commitment()).isEqualTo(c);
    assertThat(a).isEqualTo(new SealedBid(BigInteger.ONE, NODE, 3_000, PRICE, a.salt()));
  }

  @Test
  void neverPrintsTheSaltOrThePrice() {
    SealedBid bid = SealedBid.seal(BigInteger.ONE, NODE, 3_000, PRICE);
    assertThat(bid.toString())
        .doesNotContain(Numeric.toHexStringNoPrefix(bid.salt()))
        .doesNotContain(PRICE.toString());
  }

  @Test
  void refusesMalformedBids() {
    assertThatThrownBy(() -> new SealedBid(BigInteger.ONE, NODE, 1, PRICE, new byte[31]))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> new SealedBid(BigInteger.ONE, NODE, 0, PRICE, new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new SealedBid(BigInteger.ONE, NODE, 1, BigInteger.ONE.negate(), new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SealedBid(BigInteger.ONE, "node", 1, PRICE, new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
