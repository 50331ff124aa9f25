package org.openvpp.contracts.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.evidence.EvidenceBuilder.Window;
import org.openvpp.contracts.evidence.EvidenceReview.Posted;
import org.openvpp.contracts.evidence.EvidenceReview.Served;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/** What a committee member refuses to sign, and what it accepts. */
class EvidenceReviewTest {
  private static final MeterTypedData METER =
      new MeterTypedData(BigInteger.valueOf(31_337), "0x00000000000000000000000000000000000000d1");
  private static final String ALICE = "0x00000000000000000000000000000000000000a1";
  private static final String BOB = "0x00000000000000000000000000000000000000b0";
  private static final long START = 1_800_000_000_000L;
  private static final long END = START + 3_600_000;
  private static final Window UP = new Window(START, END, Direction.UP, 300_000);
  private static final BigInteger SHARE = BigInteger.valueOf(980_000);
  private static final RewardLedger PREVIOUS = new RewardLedger(Map.of(ALICE, BigInteger.TEN));

  private final EvidenceBuilder builder = new EvidenceBuilder(METER);
  private final EvidenceReview review = new EvidenceReview(builder);
  private final List<Credentials> keys = List.of(key(), key());

  private static Credentials key() {
    try {
      return Credentials.create(Keys.createEcKeyPair());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static DeviceWindow window(Credentials k, String owner, long wh, long startMs) {
    MeterReading a = new MeterReading(k.getAddress(), 1, startMs, 0, 100, 0, 0);
    MeterReading b = new MeterReading(k.getAddress(), 2, END, 0, 100 + wh, 0, 0);
    return new DeviceWindow(
        owner,
        SignedMeterReading.sign(METER, a, k.getEcKeyPair()),
        SignedMeterReading.sign(METER, b, k.getEcKeyPair()),
        0,
        Direction.UP);
  }

  private List<DeviceWindow> honestWindows() {
    return List.of(
        window(keys.get(0), ALICE, 2_000, START), window(keys.get(1), BOB, 1_000, START));
  }

  private Map<String, Long> ratings() {
    return Map.of(
        keys.get(0).getAddress().toLowerCase(),
        5_000L,
        keys.get(1).getAddress().toLowerCase(),
        5_000L);
  }

  /** What an honest node posts for {@code windows}. */
  private Posted posted(List<DeviceWindow> windows) {
    EvidenceTree tree = builder.tree(windows);
    RewardLedger next = PREVIOUS.plus(SHARE, tree);
    return new Posted(tree.root(), next.root(), next.total(), SHARE);
  }

  @Test
  void acceptsWhatAnHonestNodePosts() {
    List<DeviceWindow> windows = honestWindows();
    assertThat(review.problems(UP, posted(windows), new Served(windows, PREVIOUS, ratings())))
        .isEmpty();
  }

  @Test
  void refusesRootsThatAreNotWhatTheReadingsShow() {
    List<DeviceWindow> windows = honestWindows();
    Posted honest = posted(windows);
    Served served = new Served(windows, PREVIOUS, ratings());
    // The evidence root of other leaves (Bob's device claimed 1 Wh more).
    List<EvidenceLeaf> inflated = new ArrayList<>(builder.leaves(windows));
    EvidenceLeaf b = inflated.get(1);
    inflated.set(
        1,
        new EvidenceLeaf(
            b.device(), b.owner(), b.firstReading(), b.lastReading(), 0, b.deliveredWh() + 1));
    Posted wrongRoot =
        new Posted(
            new EvidenceTree(inflated).root(), honest.rewardRoot(), honest.rewardTotal(), SHARE);
    assertThat(review.problems(UP, wrongRoot, served))
        .containsExactly("the evidence root is not the root of the served leaves");

    // A reward root that pays Bob's share to Alice, with the right total.
    RewardLedger skewed =
        PREVIOUS.plus(SHARE, new EvidenceTree(List.of(builder.leaves(windows).get(0))));
    Posted wrongRewards = new Posted(honest.evidenceRoot(), skewed.root(), skewed.total(), SHARE);
    assertThat(review.problems(UP, wrongRewards, served))
        .containsExactly("the reward root is not the served ledger plus the owners' share");

    Posted wrongTotal =
        new Posted(
            honest.evidenceRoot(),
            honest.rewardRoot(),
            honest.rewardTotal().add(BigInteger.ONE),
            SHARE);
    assertThat(review.problems(UP, wrongTotal, served)).hasSize(1);
    assertThat(review.problems(UP, wrongTotal, served).get(0)).startsWith("the reward total");

    // Served a ledger other than the one the submission continues.
    Served otherPrevious = new Served(windows, new RewardLedger(), ratings());
    assertThat(review.problems(UP, honest, otherPrevious)).isNotEmpty();
  }

  @Test
  void refusesWindowsTheRulesWouldNotBuild() {
    Credentials forger = key();
    DeviceWindow honest = window(keys.get(0), ALICE, 2_000, START);
    MeterReading last = honest.last().reading();
    DeviceWindow forged =
        new DeviceWindow(
            ALICE,
            honest.first(),
            SignedMeterReading.sign(METER, last, forger.getEcKeyPair()),
            0,
            Direction.UP);
    DeviceWindow late = window(keys.get(1), BOB, 1_000, START + 300_001);
    List<DeviceWindow> windows = List.of(forged, late);
    assertThat(review.problems(UP, posted(windows), new Served(windows, PREVIOUS, ratings())))
        .containsExactly(
            keys.get(0).getAddress().toLowerCase() + ": NOT_SIGNED_BY_DEVICE",
            keys.get(1).getAddress().toLowerCase() + ": NO_READING_AT_START");

    List<DeviceWindow> twice = List.of(honest, honest);
    assertThat(review.problems(UP, posted(List.of(honest)), new Served(twice, PREVIOUS, ratings())))
        .containsExactly(keys.get(0).getAddress().toLowerCase() + ": DUPLICATE_DEVICE");

    List<DeviceWindow> tooFast = List.of(window(keys.get(0), ALICE, 5_600, START));
    assertThat(review.problems(UP, posted(tooFast), new Served(tooFast, PREVIOUS, ratings())))
        .containsExactly(keys.get(0).getAddress().toLowerCase() + ": ABOVE_RATED_POWER");
  }

  @Test
  void refusesUnknownDevicesWrongDirectionsAndNothing() {
    List<DeviceWindow> windows = honestWindows();
    Posted p = posted(windows);
    assertThat(review.problems(UP, p, new Served(windows, PREVIOUS, Map.of())))
        .allMatch(problem -> problem.endsWith("no rated power known"))
        .hasSize(2);
    assertThat(
            review.problems(
                new Window(START, END, Direction.DOWN, 300_000),
                p,
                new Served(windows, PREVIOUS, ratings())))
        .allMatch(problem -> problem.endsWith("wrong direction"));
    assertThat(review.problems(UP, p, new Served(List.of(), PREVIOUS, ratings())))
        .containsExactly("no evidence served");
  }
}
