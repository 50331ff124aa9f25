package org.openvpp.node.p2p.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openvpp.node.p2p.encoding.Bytes;

/** Keys and peer ids against the published vectors of the libp2p peer-ids spec. */
class PeerIdTest {
  private static final String ED25519_PRIVATE =
      "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
  private static final String ED25519_PUBLIC =
      "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
  private static final String SECP256K1_PRIVATE =
      "0802122053DADF1D5A164D6B4ACDB15E24AA4C5B1D3461BDBD42ABEDB0A4404D56CED8FB";
  private static final String SECP256K1_PUBLIC =
      "08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99";
  private static final String ECDSA_PUBLIC =
      "0803125b3059301306072a8648ce3d020106082a8648ce3d03010703420004de3d300fa36ae0e8f5d530899d83abab44abf3161f162a4bc901d8e6ecda020e8b6d5f8da30525e71d6851510c098e5c47c646a597fb4dcec034e9f77c409e62";

  @Test
  void ed25519PrivateKeyVectorYieldsThePublishedPublicKey() {
    PrivateKey key = KeyCodec.decodePrivate(Bytes.fromHex(ED25519_PRIVATE));
    assertThat(Bytes.hex(key.publicKey().marshal())).isEqualTo(ED25519_PUBLIC);
    assertThat(Bytes.hex(key.marshal())).isEqualTo(ED25519_PRIVATE);
  }

  @Test
  void secp256k1PrivateKeyVectorYieldsThePublishedPublicKey() {
    PrivateKey key = KeyCodec.decodePrivate(Bytes.fromHex(SECP256K1_PRIVATE));
    assertThat(Bytes.hex(key.publicKey().marshal())).isEqualTo(SECP256K1_PUBLIC);
    assertThat(Bytes.hex(key.marshal())).isEqualToIgnoringCase(SECP256K1_PRIVATE);
  }

  @Test
  void smallKeysAreInlinedWithTheIdentityMultihash() {
    PeerId id = PeerId.fromMarshalledKey(Bytes.fromHex(ED25519_PUBLIC)).orElseThrow();
    assertThat(id.toBytes()[0]).isZero();
    assertThat(id.toBase58()).startsWith("12D3KooW");
    assertThat(id.inlinedPublicKey().map(PublicKey::marshal))
        .hasValueSatisfying(k -> assertThat(Bytes.hex(k)).isEqualTo(ED25519_PUBLIC));
    PeerId secp = PeerId.fromMarshalledKey(Bytes.fromHex(SECP256K1_PUBLIC)).orElseThrow();
    assertThat(secp.toBase58()).startsWith("16Uiu2");
  }

  @Test
  void largeKeysAreHashedWithSha256() {
    PeerId id = PeerId.fromMarshalledKey(Bytes.fromHex(ECDSA_PUBLIC)).orElseThrow();
    assertThat(id.toBytes()).hasSize(34).startsWith(0x12, 0x20);
    assertThat(id.toBase58()).startsWith("Qm");
    assertThat(id.inlinedPublicKey()).isEmpty();
  }

  @Test
  void specExampleCidAndBase58FormsAreTheSamePeer() {
    PeerId fromCid =
        PeerId.parse("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe").orElseThrow();
    PeerId fromBase58 =
        PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N").orElseThrow();
    assertThat(fromCid).isEqualTo(fromBase58);
    assertThat(fromBase58.toCid())
        .isEqualTo("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe");
  }

  @Test
  void specExampleEd25519PeerIdRoundTripsAndExposesItsKey() {
    String text = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";
    PeerId id = PeerId.parse(text).orElseThrow();
    assertThat(id.toBase58()).isEqualTo(text);
    assertThat(id.inlinedPublicKey()).hasValueSatisfying(k -> assertThat(id.matches(k)).isTrue());
    assertThat(PeerId.parse(id.toCid())).contains(id);
  }

  @Test
  void malformedPeerIdsAreRejectedAsValues() {
    assertThat(PeerId.parse("")).isEmpty();
    assertThat(PeerId.parse("Qm0OIl")).isEmpty();
    assertThat(PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5")).isEmpty();
    assertThat(PeerId.parse("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"))
        .isEmpty();
    assertThat(PeerId.fromBytes(new byte[] {(byte) 0xFF})).isEmpty();
  }

  @Test
  void signaturesVerifyOnlyForTheSignedMessage() {
    for (PrivateKey key : new PrivateKey[] {Ed25519Keys.generate(), Secp256k1Keys.generate()}) {
      byte[] msg = "flexibility".getBytes(StandardCharsets.UTF_8);
      byte[] sig = key.sign(msg);
      PublicKey pub = KeyCodec.decodePublic(key.publicKey().marshal()).orElseThrow();
      assertThat(pub.verify(msg, sig)).isTrue();
      assertThat(pub.verify("other".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
      assertThat(pub.verify(msg, new byte[] {1, 2, 3})).isFalse();
      assertThat(PeerId.fromPublicKey(pub).matches(key.publicKey())).isTrue();
    }
  }

  @Test
  void mismatchedEd25519PrivateKeyIsRefused() {
    byte[] bad = Bytes.fromHex(ED25519_PRIVATE);
    bad[bad.length - 1] ^= 1;
    assertThatThrownBy(() -> KeyCodec.decodePrivate(bad))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
