package org.openvpp.wallet.owner;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.Oem;
import org.openvpp.wallet.testing.WalletChain;
import org.openvpp.wallet.testing.WalletCli.Result;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/** What happens when a transaction cannot be paid for, or is not mined in time. */
@ExtendWith(AnvilExtension.class)
class TransactionFailuresIT {
  @TempDir Path dir;
  private Anvil anvil;
  private WalletChain w;

  @BeforeEach
  void setUp(Anvil anvil) throws Exception {
    this.anvil = anvil;
    w = new WalletChain(anvil, dir);
  }

  @AfterEach
  void mineAgain() throws Exception {
    automine(true);
  }

  /** Test-only Anvil switch: with automine off, sent transactions wait in the pool. */
  private void automine(boolean on) throws Exception {
    HttpService http = new HttpService(anvil.rpcUrl());
    new Request<>("evm_setAutomine", List.of(on), http, VoidResponse.class).send();
  }

  @Test
  void anAccountWithoutEthForGasIsExitSixWithAHint() throws Exception {
    Credentials poor = Oem.newDeviceKey();
    w.cli.addAccount("poor", poor);
    w.chain.mint(poor.getAddress(), 10);
    Result r = w.cli.run("-a", "poor", "token", "transfer", "owner", "1");
    assertThat(r.code()).as(r.toString()).isEqualTo(6);
    assertThat(r.err())
        .contains("not enough ETH for gas in " + poor.getAddress())
        .contains("fund the account");
    assertThat(w.chain.token(w.chain.admin()).balanceOf(poor.getAddress()).send())
        .isEqualTo(BigInteger.TEN.pow(19));
  }

  @Test
  void aTransactionNotMinedInTimeIsExitEightAndNamesItsHash() throws Exception {
    automine(false);
    Result r =
        w.cli
            .env("VPP_WALLET_RECEIPT_TIMEOUT", "1")
            .run("-a", "owner", "token", "transfer", "other", "1");
    assertThat(r.code()).as(r.toString()).isEqualTo(8);
    String hash = r.err().replaceAll("(?s).*sent (0x[0-9a-f]{64}).*", "$1");
    assertThat(hash).startsWith("0x").hasSize(66);
    assertThat(r.err()).contains("transaction " + hash + " not mined after 1 s");
  }
}
