package org.openvpp.contracts.devchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterName;

class AnvilIT {

  @Test
  void startsOnALoopbackPortWithFundedDevAccountsAndStopsTheProcessOnClose() throws Exception {
    Anvil anvil = Anvil.start();
    ProcessHandle handle;
    try (anvil) {
      handle = ProcessHandle.of(anvil.pid()).orElseThrow();
      assertThat(anvil.rpcUrl()).startsWith("http://127.0.0.1:");
      assertThat(anvil.web3j().ethChainId().send().getChainId())
          .isEqualTo(BigInteger.valueOf(31337));
      // Account 0 of the well-known test mnemonic, as every Foundry/Hardhat user knows it.
      assertThat(anvil.credentials(0).getAddress())
          .isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
      BigInteger balance =
          anvil
              .web3j()
              .ethGetBalance(anvil.credentials(3).getAddress(), DefaultBlockParameterName.LATEST)
              .send()
              .getBalance();
      assertThat(balance).isGreaterThan(BigInteger.TEN.pow(21));
    }
    assertThat(anvil.isRunning()).isFalse();
    assertThat(handle.isAlive()).isFalse();
  }

  @Test
  void spillsOldStatesIntoItsOwnHomeAndLeavesNothingBehindOnClose() throws Exception {
    Anvil anvil = Anvil.start();
    java.nio.file.Path home = anvil.home();
    try (anvil) {
      // Enough blocks that Anvil moves old states out of memory onto disk.
      anvil.mine(1024);
      assertThat(home.resolve(".foundry/anvil/tmp")).isDirectory();
    }
    assertThat(home).doesNotExist();
  }

  @Test
  void twoChainsRunSideBySideOnDifferentPortsAndChainIds() throws Exception {
    try (Anvil a = Anvil.start();
        Anvil b = Anvil.start(Anvil.Options.defaults().withChainId(4242))) {
      assertThat(a.port()).isNotEqualTo(b.port());
      assertThat(b.web3j().ethChainId().send().getChainId()).isEqualTo(BigInteger.valueOf(4242));
    }
  }

  @Test
  void increaseTimeMovesTheChainClockForward() throws Exception {
    try (Anvil anvil = Anvil.start()) {
      BigInteger before = latestTimestamp(anvil);
      anvil.increaseTime(3_600);
      assertThat(latestTimestamp(anvil).subtract(before).longValueExact())
          .isGreaterThanOrEqualTo(3_600);
    }
  }

  private static BigInteger latestTimestamp(Anvil anvil) throws Exception {
    return anvil
        .web3j()
        .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
        .send()
        .getBlock()
        .getTimestamp();
  }
}
