package org.openvpp.contracts.settlement;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.openvpp.contracts.settlement.SettlementWorld.Posted;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.settlement.SettlementWorld.Signed;
import org.openvpp.contracts.settlement.SettlementWorld.Window;
import org.openvpp.contracts.testing.AnvilExtension;
import org.web3j.crypto.Credentials;

/**
 * What the challenge tests share: a fresh world per test, one node that wins requests, an owner,
 * and the challenge call itself (the challenger account proves, the node is slashed).
 */
@ExtendWith(AnvilExtension.class)
abstract class ChallengeTestBase {
  static final long MOVED_WH = 3_000;

  SettlementWorld w;
  Credentials node;
  String owner;

  @BeforeEach
  void world(Anvil anvil) throws Exception {
    w = SettlementWorld.fresh(anvil);
    node = w.nodes.get(1);
    owner = SettlementWorld.freshAddress();
  }

  /** A pending submission of {@code leaves} for a fresh request the node won. */
  Posted posted(Round r, List<DeviceEvidence> leaves) throws Exception {
    return w.post(node, r.request(), w.forRequest(node, r.request(), new RewardLedger(), leaves));
  }

  Round won() throws Exception {
    Round r = w.win(node);
    w.warpPastEnd(r);
    return r;
  }

  List<DeviceEvidence> honestPair(Window win) {
    return List.of(
        w.honest(w.devices.get(0), owner, win, MOVED_WH),
        w.honest(w.devices.get(1), owner, win, 2_000));
  }

  void challenge(Posted p, int i, Signed first, Signed last) throws Exception {
    w.challenge(w.challenger, p.id(), p.batch().leaf(i), p.batch().proof(i), first, last);
  }

  void assertChallengeReverts(Posted p, int i, Signed first, Signed last, String error) {
    w.chain.assertReverts(() -> challenge(p, i, first, last), error);
  }
}
