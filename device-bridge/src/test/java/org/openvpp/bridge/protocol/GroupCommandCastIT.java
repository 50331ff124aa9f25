package org.openvpp.bridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.bridge.testkit.Fixtures.T0;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.contracts.devchain.Toolchain;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * The group command's EIP-712 encoding (an array of structs) against Foundry's cast: the same typed
 * data signed by {@code cast wallet sign --data} gives the signature the node's signer makes, byte
 * for byte (RFC 6979), so any EIP-712 library on a device computes the digest the node signed.
 */
class GroupCommandCastIT {
  @TempDir Path dir;

  @Test
  void castSignsAGroupCommandExactlyAsTheNodeDoes() throws Exception {
    ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(424_242));
    Signer node = new Signer(Fixtures.TYPED, key);
    List<GroupCommand.Setpoint> setpoints = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      setpoints.add(
          new GroupCommand.Setpoint(Fixtures.signer(i + 1).address(), -1_500 + 2_000 * i));
    }
    setpoints.sort(Comparator.comparing(GroupCommand.Setpoint::device));
    GroupCommand g =
        new GroupCommand(node.address(), 1_767_225_600_000_001L, T0, T0 + 1_800_000, setpoints);
    StringBuilder sp = new StringBuilder();
    for (GroupCommand.Setpoint s : setpoints) {
      sp.append(sp.length() == 0 ? "" : ",")
          .append("{\"device\":\"")
          .append(s.device())
          .append("\",\"targetPowerW\":")
          .append(s.targetPowerW())
          .append('}');
    }
    String json =
        "{\"types\":{\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},"
            + "{\"name\":\"version\",\"type\":\"string\"},{\"name\":\"chainId\",\"type\":\"uint256\"},"
            + "{\"name\":\"verifyingContract\",\"type\":\"address\"}],"
            + "\"GroupCommand\":[{\"name\":\"node\",\"type\":\"address\"},"
            + "{\"name\":\"commandId\",\"type\":\"uint64\"},{\"name\":\"validFromMs\",\"type\":\"uint64\"},"
            + "{\"name\":\"validUntilMs\",\"type\":\"uint64\"},{\"name\":\"setpoints\",\"type\":\"Setpoint[]\"}],"
            + "\"Setpoint\":[{\"name\":\"device\",\"type\":\"address\"},"
            + "{\"name\":\"targetPowerW\",\"type\":\"int64\"}]},"
            + "\"primaryType\":\"GroupCommand\","
            + "\"domain\":{\"name\":\"OpenVPP Dispatch\",\"version\":\"1\",\"chainId\":"
            + Fixtures.CHAIN_ID
            + ",\"verifyingContract\":\""
            + Fixtures.REGISTRY
            + "\"},\"message\":{\"node\":\""
            + g.node()
            + "\",\"commandId\":"
            + g.commandId()
            + ",\"validFromMs\":"
            + g.validFromMs()
            + ",\"validUntilMs\":"
            + g.validUntilMs()
            + ",\"setpoints\":["
            + sp
            + "]}}";
    String expected = Numeric.toHexString(node.sign(g).signature());
    assertThat(castSign(json, Numeric.toHexStringWithPrefixZeroPadded(key.getPrivateKey(), 64)))
        .isEqualTo(expected);
  }

  private String castSign(String typedDataJson, String privateKey) throws Exception {
    Path file = Files.writeString(dir.resolve("group.json"), typedDataJson);
    Process p =
        new ProcessBuilder(
                Toolchain.cast().toString(),
                "wallet",
                "sign",
                "--private-key",
                privateKey,
                "--data",
                "--from-file",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
