package org.openvpp.node.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.evidence.Attestations;
import org.openvpp.contracts.evidence.DeviceWindow;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.EvidenceBuilder;
import org.openvpp.contracts.evidence.EvidenceBuilder.Window;
import org.openvpp.contracts.evidence.EvidenceReview;
import org.openvpp.contracts.evidence.EvidenceReview.Posted;
import org.openvpp.contracts.evidence.EvidenceReview.Served;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.MeterTypedData;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.evidence.SignedMeterReading;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/** The attestor signs what the evidence shows and nothing else. */
class AttestorTest {
  private static final BigInteger CHAIN = BigInteger.valueOf(31_337);
  private static final MeterTypedData METER =
      new MeterTypedData(CHAIN, "0x00000000000000000000000000000000000000d1");
  private static final Attestations ATTESTATIONS =
      new Attestations(CHAIN, "0x00000000000000000000000000000000000000e5");
  private static final String OWNER = "0x00000000000000000000000000000000000000a1";
  private static final long START = 1_800_000_000_000L;
  private static final long END = START + 3_600_000;
  private static final Window UP = new Window(START, END, Direction.UP, 300_000);
  private static final BigInteger ID = BigInteger.valueOf(42);

  @Test
  void signsTheHonestSubmissionAndRefusesAnInflatedOne() throws Exception {
    Credentials device = Credentials.create(Keys.createEcKeyPair());
    Credentials member = Credentials.create(Keys.createEcKeyPair());
    DeviceWindow w =
        new DeviceWindow(
            OWNER,
            SignedMeterReading.sign(
                METER,
                new MeterReading(device.getAddress(), 1, START, 0, 0, 0, 0),
                device.getEcKeyPair()),
            SignedMeterReading.sign(
                METER,
                new MeterReading(device.getAddress(), 2, END, 0, 3_000, 0, 0),
                device.getEcKeyPair()),
            0,
            Direction.UP);
    EvidenceBuilder builder = new EvidenceBuilder(METER);
    EvidenceTree tree = builder.tree(List.of(w));
    RewardLedger next = new RewardLedger().plus(BigInteger.valueOf(1_000), tree);
    Served served = new Served(List.of(w), new RewardLedger(), Map.of(device.getAddress(), 5_000L));
    Attestor attestor = new Attestor(ATTESTATIONS, new EvidenceReview(builder), member);

    Attestor.Decision yes =
        attestor.decide(
            ID,
            UP,
            new Posted(tree.root(), next.root(), next.total(), BigInteger.valueOf(1_000)),
            served);
    assertThat(yes.signed()).isTrue();
    byte[] digest = ATTESTATIONS.digest(ID, tree.root(), next.root());
    assertThat(Signatures.recoverAddress(digest, yes.signature())).contains(member.getAddress());

    // The same evidence with a total one wei higher than the share allows.
    Attestor.Decision no =
        attestor.decide(
            ID,
            UP,
            new Posted(
                tree.root(),
                next.root(),
                next.total().add(BigInteger.ONE),
                BigInteger.valueOf(1_000)),
            served);
    assertThat(no.signed()).isFalse();
    assertThat(no.problems()).singleElement().asString().startsWith("the reward total");
  }
}
