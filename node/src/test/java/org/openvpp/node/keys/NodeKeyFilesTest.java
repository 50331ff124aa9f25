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
import org.web3j.crypto.Credentials;
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
  void bothFilesShareOneSaltAndWeb3jItselfOpensThemToTheSameKeys() throws Exception {
    NodeKeyFiles.Created created = NodeKeyFiles.create(files(), "pw two".toCharArray());
    var mapper = ObjectMapperFactory.getObjectMapper();
    WalletFile chain = mapper.readValue(files().chainKeyFile().toFile(), WalletFile.class);
    WalletFile identity = mapper.readValue(files().p2pKeyFile().toFile(), WalletFile.class);
    WalletFile.ScryptKdfParams a = (WalletFile.ScryptKdfParams) chain.getCrypto().getKdfparams();
    WalletFile.ScryptKdfParams b = (WalletFile.ScryptKdfParams) identity.getCrypto().getKdfparams();
    assertThat(a).isEqualTo(b); // one derivation opens both
    assertThat(a.getN()).isEqualTo(1 << 18); // Web3j's standard strength, not the light one
    assertThat(chain.getCrypto().getCipherparams().getIv())
        .as("each file its own IV: no key stream used twice")
        .isNotEqualTo(identity.getCrypto().getCipherparams().getIv());

    // Web3j's own decryption (not ours) opens both files.
    org.web3j.crypto.ECKeyPair chainKey = org.web3j.crypto.Wallet.decrypt("pw two", chain);
    assertThat(Credentials.create(chainKey).getAddress()).isEqualTo(created.chainAddress());
    org.web3j.crypto.ECKeyPair seed = org.web3j.crypto.Wallet.decrypt("pw two", identity);
    assertThat(
            PeerId.fromPublicKey(IdentityWallet.fromUnlocked(Credentials.create(seed)).publicKey())
                .toBase58())
        .isEqualTo(created.peerId());
    assertThatThrownBy(() -> org.web3j.crypto.Wallet.decrypt("pw three", chain))
        .isInstanceOf(org.web3j.crypto.exception.CipherException.class);
  }

  @Test
  void walletFilesWithTheirOwnSaltsStillUnlock() throws Exception {
    // Keys written one by one with Web3j (as nodes before the shared salt, or other tools, do).
    org.web3j.crypto.ECKeyPair chainKey = org.web3j.crypto.Keys.createEcKeyPair();
    org.web3j.crypto.ECKeyPair seed = org.web3j.crypto.Keys.createEcKeyPair();
    var mapper = ObjectMapperFactory.getObjectMapper();
    Files.createDirectories(dir.resolve("keys"));
    mapper.writeValue(
        files().chainKeyFile().toFile(), org.web3j.crypto.Wallet.createLight("pw four", chainKey));
    WalletFile id = org.web3j.crypto.Wallet.createLight("pw four", seed);
    id.setAddress(null);
    mapper.writeValue(files().p2pKeyFile().toFile(), id);

    NodeKeys keys = NodeKeyFiles.unlock(files(), Map.of("VPP_NODE_KEY_PASSWORD", "pw four"));

    assertThat(keys.chainAddress()).isEqualTo(Credentials.create(chainKey).getAddress());
    assertThatThrownBy(
            () -> NodeKeyFiles.unlock(files(), Map.of("VPP_NODE_KEY_PASSWORD", "pw five")))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("wrong password");
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
