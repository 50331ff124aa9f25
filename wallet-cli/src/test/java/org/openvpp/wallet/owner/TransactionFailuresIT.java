package org.openvpp.wallet.owner;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.OwnerBinding;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.Await;
import org.openvpp.contracts.testing.Oem;
import org.openvpp.contracts.tx.Transactions;
import org.openvpp.wallet.testing.WalletChain;
import org.openvpp.wallet.testing.WalletCli.Result;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.StaticGasProvider;

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
  void aTransactionThatRevertsWhenMinedIsExitOneWithTheDecodedReason() throws Exception {
    // The owner's offer passes simulation; the OEM's revocation, paying more gas, is mined first
    // in the same block, so the offer reverts on-chain.
    Credentials deviceKey = Oem.newDeviceKey();
    String device = deviceKey.getAddress();
    Oem oem = new Oem(w.chain, w.chain.account(1));
    long model = oem.model(DeviceClass.EV_CHARGER, 11_000, 0);
    DeviceCertificate cert = Oem.certificate(deviceKey, model, DeviceClass.EV_CHARGER, 11_000, 0);
    oem.registry().registerDevice(cert.toContractStruct(), oem.sign(cert)).send();
    byte[] bind =
        Signatures.sign(
            new OwnerBinding(w.owner, BigInteger.ZERO).digest(oem.domain()),
            deviceKey.getEcKeyPair());
    oem.registry().bindOwner(device, w.owner, bind).send();

    automine(false);
    BigInteger nonce = pendingNonce(w.owner);
    CompletableFuture<Result> offer =
        CompletableFuture.supplyAsync(
            () -> w.cli.run("-a", "owner", "device", "offer", device, "other"));
    Await.until(
        Duration.ofSeconds(60),
        () -> {
          assertThat(offer).isNotDone(); // the offer must still wait for its receipt
          return !pendingNonce(w.owner).equals(nonce);
        },
        "the offer in the pool");
    BigInteger price = anvil.web3j().ethGasPrice().send().getGasPrice().multiply(BigInteger.TEN);
    var web3j = anvil.web3j();
    DeviceRegistry.load(
            w.chain.deployment().deviceRegistry(),
            web3j,
            Transactions.manager(web3j, oem.account(), anvil.chainId()),
            new StaticGasProvider(price, BigInteger.valueOf(200_000)))
        .revokeDevice(device)
        .sendAsync();
    Await.until(
        Duration.ofSeconds(60),
        () ->
            !pendingNonce(w.oem)
                .equals(
                    web3j
                        .ethGetTransactionCount(w.oem, DefaultBlockParameterName.LATEST)
                        .send()
                        .getTransactionCount()),
        "the revocation in the pool");
    anvil.mine();

    Result r = offer.get(60, TimeUnit.SECONDS);
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .containsPattern(
            "offer: transaction 0x[0-9a-f]{64} reverted: DeviceNotActive\\(" + device + "\\)");
  }

  private BigInteger pendingNonce(String address) throws Exception {
    return anvil
        .web3j()
        .ethGetTransactionCount(address, DefaultBlockParameterName.PENDING)
        .send()
        .getTransactionCount();
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
