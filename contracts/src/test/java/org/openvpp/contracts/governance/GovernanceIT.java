package org.openvpp.contracts.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Market;
import org.openvpp.contracts.testing.Market.SealedBid;
import org.openvpp.contracts.testing.Market.Timing;
import org.web3j.crypto.Credentials;

/** Governance powers: who may change a parameter, and when the change takes effect. */
@ExtendWith(AnvilExtension.class)
class GovernanceIT {
  private static final BigInteger FLEX = ChainFixture.FLEX;

  private ChainFixture chain;
  private Market market;

  @BeforeEach
  void deploy(Anvil anvil) {
    chain = new ChainFixture(anvil);
    market = new Market(chain);
  }

  @Test
  @Disabled("finding: the admin changes a parameter with immediate effect")
  void theAdminRaisesTheMinimumStakeRightBeforeAVictimsRevealAndTheVictimForfeitsItsDeposit()
      throws Exception {
    Credentials victim = chain.account(3);
    market.registerNode(victim, Market.ZONE, 1_000);
    Timing t = market.timing(3_600);
    BigInteger requestId = market.post(chain.account(4), Market.ZONE, Direction.UP, 1_000, FLEX, t);
    SealedBid bid = market.commit(victim, requestId, 1_000, FLEX.divide(BigInteger.TEN));
    market.warpTo(t.bidDeadline());

    // The admin key front-runs the reveal: the new minimum applies to the very next transaction.
    chain.nodes(chain.admin()).setMinimumStake(FLEX.multiply(BigInteger.valueOf(2_000))).send();

    chain.assertReverts(() -> market.reveal(bid), "NotEligible");
    assertThat(chain.nodes(victim).isActive(victim.getAddress()).send()).isFalse();
  }
}
