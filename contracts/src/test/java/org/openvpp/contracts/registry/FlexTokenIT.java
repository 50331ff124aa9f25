package org.openvpp.contracts.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.eip712.Eip712;
import org.openvpp.contracts.eip712.Eip712Domain;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.eip712.StructHasher;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.web3j.crypto.Credentials;

/** FLEX: minting by role only, and ERC-2612 permits signed in Java. */
@ExtendWith(AnvilExtension.class)
class FlexTokenIT {
  private static final byte[] PERMIT_TYPEHASH =
      Eip712.typeHash(
          "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
  private ChainFixture chain;

  @BeforeEach
  void deploy(Anvil anvil) {
    chain = new ChainFixture(anvil);
  }

  @Test
  void theMinterMintsAndNobodyElseCan() throws Exception {
    Credentials alice = chain.account(3);
    chain.mint(alice.getAddress(), 10);
    assertThat(chain.token(alice).balanceOf(alice.getAddress()).send())
        .isEqualTo(ChainFixture.FLEX.multiply(BigInteger.TEN));
    chain.assertReverts(
        () -> chain.token(alice).mint(alice.getAddress(), BigInteger.ONE).send(),
        "AccessControlUnauthorizedAccount");
    assertThat(chain.token(alice).symbol().send()).isEqualTo("FLEX");
    assertThat(chain.token(alice).decimals().send()).isEqualTo(BigInteger.valueOf(18));
  }

  @Test
  void aPermitSignedInJavaSetsTheAllowanceOnceAndCannotBeReplayed() throws Exception {
    Credentials owner = chain.account(3);
    String spender = chain.account(4).getAddress();
    BigInteger value = BigInteger.valueOf(1_234);
    BigInteger deadline = BigInteger.valueOf(4_000_000_000L);
    byte[] sig = permit(owner, spender, value, BigInteger.ZERO, deadline);

    chain
        .token(chain.account(9))
        .permit(owner.getAddress(), spender, value, deadline, v(sig), r(sig), s(sig))
        .send();

    assertThat(chain.token(owner).allowance(owner.getAddress(), spender).send()).isEqualTo(value);
    chain.assertReverts(
        () ->
            chain
                .token(chain.account(9))
                .permit(owner.getAddress(), spender, value, deadline, v(sig), r(sig), s(sig))
                .send(),
        "ERC2612InvalidSigner");
  }

  @Test
  void anExpiredPermitIsRejected() throws Exception {
    Credentials owner = chain.account(3);
    String spender = chain.account(4).getAddress();
    BigInteger past = BigInteger.ONE;
    byte[] sig = permit(owner, spender, BigInteger.TEN, BigInteger.ZERO, past);
    chain.assertReverts(
        () ->
            chain
                .token(owner)
                .permit(owner.getAddress(), spender, BigInteger.TEN, past, v(sig), r(sig), s(sig))
                .send(),
        "ERC2612ExpiredSignature");
  }

  private byte[] permit(
      Credentials owner, String spender, BigInteger value, BigInteger nonce, BigInteger deadline) {
    Eip712Domain domain =
        new Eip712Domain(
            "Flex Token", "1", chain.anvil().chainId(), chain.deployment().flexToken());
    byte[] struct =
        new StructHasher(PERMIT_TYPEHASH, 5)
            .address(owner.getAddress())
            .address(spender)
            .uint(value)
            .uint(nonce)
            .uint(deadline)
            .hash();
    return Signatures.sign(Eip712.digest(domain, struct), owner.getEcKeyPair());
  }

  private static BigInteger v(byte[] sig) {
    return BigInteger.valueOf(sig[64]);
  }

  private static byte[] r(byte[] sig) {
    return java.util.Arrays.copyOfRange(sig, 0, 32);
  }

  private static byte[] s(byte[] sig) {
    return java.util.Arrays.copyOfRange(sig, 32, 64);
  }
}
