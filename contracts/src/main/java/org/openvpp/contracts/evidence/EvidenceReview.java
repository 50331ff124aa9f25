package org.openvpp.contracts.evidence;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openvpp.contracts.evidence.EvidenceBuilder.DeviceReadings;
import org.openvpp.contracts.evidence.EvidenceBuilder.Excluded;
import org.openvpp.contracts.evidence.EvidenceBuilder.Selection;
import org.openvpp.contracts.evidence.EvidenceBuilder.Window;

/**
 * What a committee member checks before it signs an Attestation: every served window is one the
 * {@link EvidenceBuilder} rules accept (the device's own signatures, readings near the edges,
 * within its rated power, each device once, the request's direction), the leaves rebuilt from the
 * readings give the posted evidence root, and the posted reward root and total are the served
 * previous ledger plus the owners' share split as {@link RewardLedger} splits it. Anything else is
 * listed as a problem; an attestor signs only when there is none.
 */
public final class EvidenceReview {
  private final EvidenceBuilder builder;

  public EvidenceReview(EvidenceBuilder builder) {
    this.builder = Objects.requireNonNull(builder, "builder");
  }

  /**
   * What the node posted: the roots and total of EvidenceSubmitted, and the owners' share of the
   * submission's payment (Settlement.ownerShare).
   */
  public record Posted(
      byte[] evidenceRoot, byte[] rewardRoot, BigInteger rewardTotal, BigInteger ownerShare) {
    public Posted {
      evidenceRoot = evidenceRoot.clone();
      rewardRoot = rewardRoot.clone();
      Objects.requireNonNull(rewardTotal, "rewardTotal");
      Objects.requireNonNull(ownerShare, "ownerShare");
    }
  }

  /**
   * What the node served over p2p: its windows in leaf order, and the ledger this submission
   * continues; the devices' rated powers come from the registry.
   */
  public record Served(
      List<DeviceWindow> windows, RewardLedger previous, Map<String, Long> ratedPowerW) {
    public Served {
      windows = List.copyOf(windows);
      Objects.requireNonNull(previous, "previous");
      ratedPowerW = Map.copyOf(ratedPowerW);
    }
  }

  /** Every reason not to sign; empty when the submission is what the served evidence shows. */
  public List<String> problems(Window w, Posted posted, Served served) {
    List<String> problems = new ArrayList<>();
    if (served.windows().isEmpty()) {
      return List.of("no evidence served");
    }
    List<DeviceReadings> devices = new ArrayList<>();
    for (DeviceWindow dw : served.windows()) {
      Long rated = served.ratedPowerW().get(dw.device());
      if (rated == null || rated <= 0) {
        problems.add(dw.device() + ": no rated power known");
        continue;
      }
      if (dw.direction() != w.direction()) {
        problems.add(dw.device() + ": window of the wrong direction");
        continue;
      }
      devices.add(
          new DeviceReadings(
              dw.device(), dw.owner(), rated, dw.baselineWh(), List.of(dw.first(), dw.last())));
    }
    Selection s = builder.select(w, devices);
    for (Excluded e : s.excluded()) {
      problems.add(e.device() + ": " + e.reason());
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    for (int i = 0; i < s.windows().size(); i++) {
      DeviceWindow picked = s.windows().get(i);
      DeviceWindow given = served.windows().get(i);
      if (!picked.equals(given)) {
        problems.add(picked.device() + ": the served readings are not the edge readings");
      }
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    EvidenceTree tree = builder.tree(served.windows());
    if (!Arrays.equals(tree.root(), posted.evidenceRoot())) {
      problems.add("the evidence root is not the root of the served leaves");
    }
    RewardLedger next = served.previous().plus(posted.ownerShare(), tree);
    if (!Arrays.equals(next.root(), posted.rewardRoot())) {
      problems.add("the reward root is not the served ledger plus the owners' share");
    }
    if (!next.total().equals(posted.rewardTotal())) {
      problems.add("the reward total is " + posted.rewardTotal() + ", expected " + next.total());
    }
    return problems;
  }
}
