package org.openvpp.node.p2p.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import org.junit.jupiter.api.Test;
import org.openvpp.node.p2p.encoding.Bytes;

/**
 * Our XX handshake and transport ciphers against the Noise_XX_25519_ChaChaPoly_SHA256 vector of the
 * cacophony test suite (prologue "John Galt"; messages alternate initiator/responder).
 */
class NoiseVectorTest {
  private static final String PROLOGUE = "4a6f686e2047616c74";
  private static final String INIT_STATIC =
      "e61ef9919cde45dd5f82166404bd08e38bceb5dfdfded0a34c8df7ed542214d1";
  private static final String INIT_EPHEMERAL =
      "893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a";
  private static final String RESP_STATIC =
      "4a3acbfdb163dec651dfa3194dece676d437029c62a408b4c5ea9114246e4893";
  private static final String RESP_EPHEMERAL =
      "bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b";
  private static final String HANDSHAKE_HASH =
      "c8e5f64e846193be2a834104c2a009868d6c9f3bd3c186299888b488b2f1f58e";
  private static final String[][] MESSAGES = {
    {
      "4c756477696720766f6e204d69736573",
      "ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c79444c756477696720766f6e204d69736573"
    },
    {
      "4d757272617920526f746862617264",
      "95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f14480884381cbad1f276e038c48378ffce2b65285e08d6b68aaa3629a5a8639392490e5b9bd5269c2f1e4f488ed8831161f19b7815528f8982ffe09be9b5c412f8a0db50f8814c7194e83f23dbd8d162c9326ad"
    },
    {
      "462e20412e20486179656b",
      "c7195ffacac1307ff99046f219750fc47693e23c3cb08b89c2af808b444850a80ae475b9df0f169ae80a89be0865b57f58c9fea0d4ec82a286427402f113e4b6ae769a1d95941d49b25030"
    },
    {"4361726c204d656e676572", "96763ed773f8e47bb3712f0e29b3060ffc956ffc146cee53d5e1df"},
    {
      "4a65616e2d426170746973746520536179",
      "3e40f15f6f3a46ae446b253bf8b1d9ffb6ed9b174d272328ff91a7e2e5c79c07f5"
    },
    {
      "457567656e2042f6686d20766f6e2042617765726b",
      "eb3f3515110702e047a6c9da4478b6ead94873c11c0f2d710ddb3f09fce024b3a58502ae3f"
    }
  };

  @Test
  void handshakeAndTransportMatchTheCacophonyVector() throws Exception {
    byte[] prologue = Bytes.fromHex(PROLOGUE);
    XxHandshake init = new XxHandshake(key(INIT_STATIC), key(INIT_EPHEMERAL), prologue);
    XxHandshake resp = new XxHandshake(key(RESP_STATIC), key(RESP_EPHEMERAL), prologue);

    byte[] m1 = init.writeMessage1(payload(0));
    assertThat(Bytes.hex(m1)).isEqualTo(MESSAGES[0][1]);
    assertThat(resp.readMessage1(m1)).isEqualTo(payload(0));

    byte[] m2 = resp.writeMessage2(payload(1));
    assertThat(Bytes.hex(m2)).isEqualTo(MESSAGES[1][1]);
    assertThat(init.readMessage2(m2)).isEqualTo(payload(1));

    byte[] m3 = init.writeMessage3(payload(2));
    assertThat(Bytes.hex(m3)).isEqualTo(MESSAGES[2][1]);
    assertThat(resp.readMessage3(m3)).isEqualTo(payload(2));

    assertThat(Bytes.hex(init.handshakeHash())).isEqualTo(HANDSHAKE_HASH);
    assertThat(Bytes.hex(resp.handshakeHash())).isEqualTo(HANDSHAKE_HASH);

    CipherState[] initCiphers = init.split(true);
    CipherState[] respCiphers = resp.split(false);
    for (int i = 3; i < MESSAGES.length; i++) {
      boolean fromResponder = i % 2 == 1;
      CipherState sender = fromResponder ? respCiphers[0] : initCiphers[0];
      CipherState receiver = fromResponder ? initCiphers[1] : respCiphers[1];
      byte[] sealed = sender.encrypt(new byte[0], payload(i), 0, payload(i).length);
      assertThat(Bytes.hex(sealed)).as("message %d", i).isEqualTo(MESSAGES[i][1]);
      assertThat(receiver.decrypt(new byte[0], sealed)).hasValue(payload(i));
    }
  }

  private static byte[] payload(int i) {
    return Bytes.fromHex(MESSAGES[i][0]);
  }

  /** An X25519 key pair with a chosen private key, through the JDK generator. */
  private static KeyPair key(String privateHex) throws GeneralSecurityException {
    byte[] secret = Bytes.fromHex(privateHex);
    KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
    g.initialize(
        NamedParameterSpec.X25519,
        new SecureRandom() {
          @Override
          public void nextBytes(byte[] bytes) {
            System.arraycopy(secret, 0, bytes, 0, bytes.length);
          }
        });
    return g.generateKeyPair();
  }
}
