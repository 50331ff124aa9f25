package org.openvpp.contracts.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

class ContractErrorsTest {

  @Test
  void decodesACustomErrorWithItsArguments() {
    String data =
        selector("EarlyWithdrawal(uint64,uint64)")
            + FunctionEncoder.encodeConstructor(List.<Type>of(new Uint64(100), new Uint64(42)));
    assertThat(ContractErrors.all().decode(data))
        .hasValueSatisfying(
            e -> {
              assertThat(e.name()).isEqualTo("EarlyWithdrawal");
              assertThat(e.arguments()).containsExactly("100", "42");
              assertThat(e).hasToString("EarlyWithdrawal(100, 42)");
            });
  }

  @Test
  void decodesOpenZeppelinErrorsInheritedByOurContracts() {
    String data =
        selector("AccessControlUnauthorizedAccount(address,bytes32)")
            + FunctionEncoder.encodeConstructor(
                List.<Type>of(
                    new Address("0x00000000000000000000000000000000000000aa"),
                    new org.web3j.abi.datatypes.generated.Bytes32(new byte[32])));
    assertThat(ContractErrors.all().decode(data).orElseThrow().name())
        .isEqualTo("AccessControlUnauthorizedAccount");
  }

  @Test
  void decodesPlainRevertStrings() {
    String data =
        selector("Error(string)")
            + FunctionEncoder.encodeConstructor(List.<Type>of(new Utf8String("nope")));
    assertThat(ContractErrors.all().decode(data).orElseThrow().arguments()).containsExactly("nope");
  }

  @Test
  void unknownSelectorsAndGarbageDecodeToNothing() {
    assertThat(ContractErrors.all().decode("0xdeadbeef")).isEmpty();
    assertThat(ContractErrors.all().decode("0x12")).isEmpty();
    assertThat(ContractErrors.all().decode(null)).isEmpty();
    assertThat(
            ContractErrors.all()
                .decode(
                    selector("Unknown(uint256)")
                        + FunctionEncoder.encodeConstructor(List.<Type>of(new Uint256(1)))))
        .isEmpty();
  }

  private static String selector(String signature) {
    return Numeric.toHexString(Hash.sha3(signature.getBytes())).substring(0, 10);
  }
}
