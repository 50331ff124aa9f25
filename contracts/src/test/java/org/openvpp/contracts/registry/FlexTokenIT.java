package org.openvpp.contracts.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.token.FlexPermit;
import org.openvpp.contracts.tx.ContractErrors;
import org.web3j.crypto.Credentials;

/** FLEX: minting by role only and never beyond the cap, and ERC-2612 permits signed in Java. */
@ExtendWith(AnvilExtension.class)
class FlexTokenIT {
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
  void theMinterCannotMintBeyondTheSupplyCap() throws Exception {
    Credentials admin = chain.admin();
    BigInteger cap = DeploymentParameters.DEFAULT_SUPPLY_CAP;
    assertThat(chain.token(admin).cap().send()).isEqualTo(cap);
    BigInteger supply = chain.token(admin).totalSupply().send();
    // Two billion FLEX, the finding's mint: twice the cap, refused whoever holds MINTER_ROLE.
    BigInteger twoBillion = cap.multiply(BigInteger.TWO);
    ContractErrors.DecodedError error =
        chain.assertReverts(
            () -> chain.token(admin).mint(admin.getAddress(), twoBillion).send(),
            "ERC20ExceededCap");
    assertThat(error.arguments())
        .containsExactly(supply.add(twoBillion).toString(), cap.toString());
    // Up to the cap exactly, and not one unit more.
    chain.token(admin).mint(admin.getAddress(), cap.subtract(supply)).send();
    assertThat(chain.token(admin).totalSupply().send()).isEqualTo(cap);
    chain.assertReverts(
        () -> chain.token(admin).mint(admin.getAddress(), BigInteger.ONE).send(),
        "ERC20ExceededCap");
  }

  @Test
  void theDeployerKeepsTheFaucetOnADevChainButCannotGrantIt() throws Exception {
    Credentials admin = chain.admin();
    var token = chain.token(admin);
    assertThat(token.hasRole(token.MINTER_ROLE().send(), admin.getAddress()).send()).isTrue();
    assertThat(token.hasRole(new byte[32], admin.getAddress()).send()).isFalse();
    assertThat(token.hasRole(new byte[32], chain.deployment().timelock()).send()).isTrue();
    chain.assertReverts(
        () -> token.grantRole(token.MINTER_ROLE().send(), chain.account(3).getAddress()).send(),
        "AccessControlUnauthorizedAccount");
  }

  @Test
  void aPermitSignedInJavaSetsTheAllowanceOnceAndCannotBeReplayed() throws Exception {
    Credentials owner = chain.account(3);
    String spender = chain.account(4).getAddress();
    BigInteger value = BigInteger.valueOf(1_234);
    BigInteger deadline = BigInteger.valueOf(4_000_000_000L);
    FlexPermit.Signed sig = permit(owner, spender, value, BigInteger.ZERO, deadline);

    chain
        .token(chain.account(9))
        .permit(owner.getAddress(), spender, value, deadline, sig.v(), sig.r(), sig.s())
        .send();

    assertThat(chain.token(owner).allowance(owner.getAddress(), spender).send()).isEqualTo(value);
    chain.assertReverts(
        () ->
            chain
                .token(chain.account(9))
                .permit(owner.getAddress(), spender, value, deadline, sig.v(), sig.r(), sig.s())
                .send(),
        "ERC2612InvalidSigner");
  }

  @Test
  void anExpiredPermitIsRejected() throws Exception {
    Credentials owner = chain.account(3);
    String spender = chain.account(4).getAddress();
    BigInteger past = BigInteger.ONE;
    FlexPermit.Signed sig = permit(owner, spender, BigInteger.TEN, BigInteger.ZERO, past);
    chain.assertReverts(
        () ->
            chain
                .token(owner)
                .permit(
                    owner.getAddress(), spender, BigInteger.TEN, past, sig.v(), sig.r(), sig.s())
                .send(),
        "ERC2612ExpiredSignature");
  }

  private FlexPermit.Signed permit(
      Credentials owner, String spender, BigInteger value, BigInteger nonce, BigInteger deadline) {
    return new FlexPermit(owner.getAddress(), spender, value, nonce, deadline)
        .sign(
            FlexPermit.domain(chain.anvil().chainId(), chain.deployment().flexToken()),
            owner.getEcKeyPair());
  }
}
