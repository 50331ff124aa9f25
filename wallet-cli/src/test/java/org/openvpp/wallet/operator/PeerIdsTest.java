package org.openvpp.wallet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openvpp.wallet.cli.WalletException;
import org.web3j.crypto.Hash;

class PeerIdsTest {
  private static final String ED25519_PEER = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";

  @Test
  void decodesAnEd25519PeerIdToItsIdentityMultihash() {
    byte[] bytes = PeerIds.parsePeerId(ED25519_PEER);
    assertThat(bytes).hasSize(38);
    assertThat(bytes[0]).isEqualTo((byte) 0x00);
    assertThat(bytes[1]).isEqualTo((byte) 36);
    assertThat(PeerIds.formatPeerId(bytes)).isEqualTo(ED25519_PEER);
  }

  @Test
  void acceptsHexMultihashesToo() {
    byte[] bytes = PeerIds.parsePeerId(ED25519_PEER);
    String hex = org.web3j.utils.Numeric.toHexString(bytes);
    assertThat(PeerIds.parsePeerId(hex)).isEqualTo(bytes);
  }

  @Test
  void rejectsTextThatIsNoPeerId() {
    for (String bad : new String[] {"hello", "0OIl", "0x1234", "12D3KooW", "0xzz"}) {
      assertThatThrownBy(() -> PeerIds.parsePeerId(bad))
          .as(bad)
          .isInstanceOf(WalletException.class);
    }
  }

  @Test
  void zoneNamesAreHashedAndHexZonesKept() {
    assertThat(PeerIds.zone("zone-1"))
        .isEqualTo(Hash.sha3("zone-1".getBytes(StandardCharsets.UTF_8)));
    String hex = "0x" + "ab".repeat(32);
    assertThat(PeerIds.zone(hex)).hasSize(32);
    assertThatThrownBy(() -> PeerIds.zone("0xabcd")).hasMessageContaining("32 bytes");
  }
}
