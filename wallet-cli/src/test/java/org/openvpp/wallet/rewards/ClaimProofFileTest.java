package org.openvpp.wallet.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;

/** What {@link ClaimProof#write} writes, {@code rewards --file} reads back unchanged. */
class ClaimProofFileTest {

  @Test
  void writtenClaimsReadBackFieldForFieldAndReplaceTheOldFile(@TempDir Path dir) throws Exception {
    ClaimProof a =
        new ClaimProof(
            31337,
            "0x" + "ab".repeat(20),
            "0x" + "01".repeat(20),
            "0x" + "02".repeat(20),
            new BigInteger("123456789012345678901234567890"),
            List.of(Hash.sha3(new byte[] {1}), Hash.sha3(new byte[] {2})),
            "test");
    ClaimProof b =
        new ClaimProof(
            31337,
            a.settlement(),
            "0x" + "03".repeat(20),
            a.owner(),
            BigInteger.ONE,
            List.of(),
            "");
    Path file = dir.resolve("sub/owner.json");
    ClaimProof.write(file, List.of(a));
    ClaimProof.write(file, List.of(a, b));

    List<ClaimProof> back = ClaimProof.read(file);
    assertThat(back).hasSize(2);
    for (int i = 0; i < 2; i++) {
      ClaimProof want = List.of(a, b).get(i);
      ClaimProof got = back.get(i);
      assertThat(got.chainId()).isEqualTo(want.chainId());
      assertThat(got.settlement()).isEqualTo(want.settlement());
      assertThat(got.node()).isEqualTo(want.node());
      assertThat(got.owner()).isEqualTo(want.owner());
      assertThat(got.cumulativeAmount()).isEqualTo(want.cumulativeAmount());
      assertThat(got.proofHex()).isEqualTo(want.proofHex());
    }
    assertThat(Files.readString(file))
        .contains("\"cumulativeAmount\" : \"123456789012345678901234567890\"");
    try (var files = Files.list(file.getParent())) {
      assertThat(files.toList()).containsExactly(file); // no temporary file left behind
    }
  }
}
