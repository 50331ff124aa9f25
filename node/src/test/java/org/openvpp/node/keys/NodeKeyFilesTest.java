package org.openvpp.node.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.node.config.NodeConfig;
import org.openvpp.node.p2p.crypto.PeerId;
import org.web3j.crypto.WalletFile;
import org.web3j.protocol.ObjectMapperFactory;

/** Each scrypt costs about a second of a core (more on a loaded machine): few keys are made. */
class NodeKeyFilesTest {
  @TempDir Path dir;

  private NodeConfig.Keys files() {
    return new NodeConfig.Keys(
        dir.resolve("keys/chain-key.json"),
        dir.resolve("keys/p2p-identity.json"),
        Optional.empty());
  }

  @Test
  void createdKeysAreOwnerOnlyScryptWalletsThatUnlockToTheSameAddressAndPeerId()
      throws IOException {
    NodeKeyFiles.Created created = NodeKeyFiles.create(files(), "pw one".toCharArray());

    for (Path f : new Path[] {files().chainKeyFile(), files().p2pKeyFile()}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
          .isEqualTo("rw-------");
      WalletFile w = ObjectMapperFactory.getObjectMapper().readValue(f.toFile(), WalletFile.class);
      assertThat(w.getCrypto().getKdf()).isEqualTo("scrypt");
      assertThat(w.getCrypto().getCipher()).isEqualTo("aes-128-ctr");
      assertThat(Files.readString(f)).doesNotContain("pw one");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys"))))
        .isEqualTo("rwx------");
    WalletFile chain =
        ObjectMapperFactory.getObjectMapper()
            .readValue(files().chainKeyFile().toFile(), WalletFile.class);
    assertThat("0x" + chain.getAddress()).isEqualTo(created.chainAddress());
    // The identity file carries no address: a seed's secp256k1 address is not an account.
    assertThat(Files.readString(files().p2pKeyFile())).doesNotContain("\"address\":\"");

    NodeKeys keys = NodeKeyFiles.unlock(files(), Map.of("VPP_NODE_KEY_PASSWORD", "pw one"));

    assertThat(keys.chainAddress()).isEqualTo(created.chainAddress());
    assertThat(keys.peerId().toBase58()).isEqualTo(created.peerId()).startsWith("12D3KooW");
    assertThat(keys.toString()).contains(created.chainAddress()).contains(created.peerId());
    byte[] sig = keys.p2pIdentity().sign("hello".getBytes());
    assertThat(keys.p2pIdentity().publicKey().verify("hello".getBytes(), sig)).isTrue();
    assertThat(PeerId.fromPublicKey(keys.p2pIdentity().publicKey()).toBase58())
        .isEqualTo(created.peerId());

    assertThatThrownBy(() -> NodeKeyFiles.unlock(files(), Map.of("VPP_NODE_KEY_PASSWORD", "bad")))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("chain-key.json")
        .hasMessageContaining("wrong password");
    assertThatThrownBy(() -> NodeKeyFiles.unlock(files(), Map.of()))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("VPP_NODE_KEY_PASSWORD");
  }

  @Test
  void existingKeysAreNeverOverwritten() throws IOException {
    Files.createDirectories(files().chainKeyFile().getParent());
    Files.writeString(files().chainKeyFile(), "old chain key");
    Files.writeString(files().p2pKeyFile(), "old identity");

    assertThatThrownBy(() -> NodeKeyFiles.create(files(), "pw".toCharArray()))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("chain-key.json exists already");

    assertThat(Files.readString(files().chainKeyFile())).isEqualTo("old chain key");
    assertThat(Files.readString(files().p2pKeyFile())).isEqualTo("old identity");
  }

  @Test
  void oneExistingKeyStopsInitBeforeTheOtherIsWritten() throws IOException {
    Files.createDirectories(files().p2pKeyFile().getParent());
    Files.writeString(files().p2pKeyFile(), "old identity");

    assertThatThrownBy(() -> NodeKeyFiles.create(files(), "pw".toCharArray()))
        .hasMessageContaining("p2p-identity.json exists already");

    assertThat(files().chainKeyFile()).doesNotExist();
    assertThat(Files.readString(files().p2pKeyFile())).isEqualTo("old identity");
  }

  @Test
  void anEmptyPasswordIsRefused() {
    assertThatThrownBy(() -> NodeKeyFiles.create(files(), new char[0]))
        .hasMessageContaining("empty");
    assertThat(files().chainKeyFile()).doesNotExist();
  }
}
