package org.openvpp.bridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.openvpp.bridge.crypto.JavaRecovery;
import org.openvpp.bridge.crypto.NativeRecovery;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.evidence.MeterReading;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * Shared vectors: the expected signatures were produced by Foundry's {@code cast wallet sign
 * --data} (toolchain/node_modules/@foundry-rs/cast, see docs/device-protocol.md §Test vectors). RFC
 * 6979 signatures are deterministic, so equal bytes mean equal digests.
 */
class TypedDataVectorTest {
  static final String REGISTRY = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
  static final TypedData TYPED = new TypedData(BigInteger.valueOf(31337), REGISTRY);
  static final ECKeyPair DEVICE_KEY =
      ECKeyPair.create(
          Numeric.toBigInt("0x59c6995e998f97a0a0044966f0945389dc9e86dae88c7a7412f4603b6b78690d"));
  static final ECKeyPair NODE_KEY =
      ECKeyPair.create(
          Numeric.toBigInt("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
  static final MeterReading READING =
      new MeterReading(
          "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
          42,
          1767225600000L,
          123456,
          7890,
          -3500,
          615);

  @Test
  void meterReadingSignatureMatchesFoundryCast() {
    byte[] sig = Signatures.sign(TYPED.digest(READING), DEVICE_KEY);
    assertThat(Numeric.toHexString(sig))
        .isEqualTo(
            "0x3c934d5c0863f17287f4b0317919b38fbeaba32bcf5cad8f6dc77f8b86cb88f2"
                + "29ac4e8390e8a3993ca0fce1178d81ebb184d3e8b0a0c80e809a6d27758e305a1b");
  }

  @Test
  void dispatchCommandSignatureMatchesFoundryCast() {
    DispatchCommand command =
        new DispatchCommand(
            "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
            "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
            7,
            -2000,
            1767225600000L,
            1767227400000L);
    byte[] sig = Signatures.sign(TYPED.digest(command), NODE_KEY);
    assertThat(Numeric.toHexString(sig))
        .isEqualTo(
            "0x73d1454e9d4d91b8d2cad857a89897c9fb0fe250096a70d3799b1e6686e9307e"
                + "6a3876a5e344f3a2cce50bd1fc5e21fb7ad56762930d66a340be1e50ad89cd821b");
  }

  @Test
  void signedReadingRecoversToTheDeviceWithJavaAndNativePaths() {
    Signer signer = new Signer(TYPED, DEVICE_KEY);
    SignedReading signed = signer.sign(READING);
    byte[] digest = TYPED.digest(READING);
    assertThat(new JavaRecovery().recover(digest, signed.signature())).contains(signer.address());
    assertThat(NativeRecovery.load()).isPresent();
    assertThat(NativeRecovery.load().orElseThrow().recover(digest, signed.signature()))
        .contains(signer.address());
  }

  @Test
  void nativeRecoveryRejectsHighSAndBadV() {
    byte[] digest = TYPED.digest(READING);
    byte[] sig = Signatures.sign(digest, DEVICE_KEY);
    NativeRecovery recovery = NativeRecovery.load().orElseThrow();
    byte[] badV = sig.clone();
    badV[64] = 29;
    assertThat(recovery.recover(digest, badV)).isEmpty();
    BigInteger n =
        new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
    byte[] highS = sig.clone();
    System.arraycopy(Numeric.toBytesPadded(n.subtract(s), 32), 0, highS, 32, 32);
    highS[64] = (byte) (sig[64] == 27 ? 28 : 27);
    assertThat(recovery.recover(digest, highS)).isEmpty();
    assertThat(new JavaRecovery().recover(digest, highS)).isEmpty();
  }

  @Test
  void nativeSigningGivesTheSameBytesAsTheJavaPath() {
    Signer java = new Signer(TYPED, NODE_KEY, false);
    Signer fast = new Signer(TYPED, NODE_KEY, true);
    for (long id = 1; id <= 50; id++) {
      DispatchCommand c = new DispatchCommand(java.address(), READING.device(), id, -id, 1, 2);
      assertThat(fast.sign(c).signature()).isEqualTo(java.sign(c).signature());
    }
  }

  @Test
  void readingSurvivesTheWireRoundTrip() {
    SignedReading signed = new Signer(TYPED, DEVICE_KEY).sign(READING);
    Decoded<SignedReading> decoded = WireCodec.decodeReading(WireCodec.encode(signed));
    assertThat(decoded.value()).contains(signed);
  }
}
