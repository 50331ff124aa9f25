package org.openvpp.contracts.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.devchain.Toolchain;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Oem;
import org.web3j.utils.Numeric;

/**
 * The sealed bid's commitment three ways: Java (SealedBid), the coordinator's own bidCommitment on
 * a real chain, and Foundry's cast (abi-encode, then keccak), for random and extreme values.
 */
@ExtendWith(AnvilExtension.class)
class SealedBidInteropIT {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final BigInteger UINT128_MAX = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

  @Test
  void javaCommitmentEqualsTheCoordinatorsAndCasts(Anvil anvil) throws Exception {
    ChainFixture chain = new ChainFixture(anvil);
    FlexibilityCoordinator c = chain.coordinator(chain.admin());
    List<SealedBid> bids =
        List.of(
            SealedBid.seal(BigInteger.ONE, Oem.newDeviceKey().getAddress(), 3_000, BigInteger.TEN),
            SealedBid.seal(
                BigInteger.valueOf(RANDOM.nextLong() & Long.MAX_VALUE),
                Oem.newDeviceKey().getAddress(),
                1 + RANDOM.nextInt(Integer.MAX_VALUE),
                new BigInteger(120, RANDOM)),
            SealedBid.seal(
                BigInteger.TWO.pow(255),
                "0xffffffffffffffffffffffffffffffffffffffff",
                4_294_967_295L, // uint32 max
                UINT128_MAX));
    for (SealedBid bid : bids) {
      byte[] onChain =
          c.bidCommitment(
                  bid.requestId(),
                  bid.node(),
                  BigInteger.valueOf(bid.powerW()),
                  bid.pricePerKWh(),
                  bid.salt())
              .send();
      assertThat(bid.commitment()).as("%s", bid).isEqualTo(onChain).isEqualTo(castCommitment(bid));
    }
  }

  private static byte[] castCommitment(SealedBid bid) throws Exception {
    String encoded =
        cast(
            "abi-encode",
            "f(uint256,address,uint32,uint128,bytes32)",
            bid.requestId().toString(),
            bid.node(),
            Long.toString(bid.powerW()),
            bid.pricePerKWh().toString(),
            Numeric.toHexString(bid.salt()));
    return Numeric.hexStringToByteArray(cast("keccak", encoded));
  }

  private static String cast(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = Toolchain.cast().toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
