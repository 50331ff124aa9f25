package org.openvpp.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.directory.ChainDeviceDirectory;
import org.openvpp.bridge.directory.DeviceStatus;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.Await;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Oem;
import org.openvpp.node.outbox.FeePolicy;
import org.openvpp.node.outbox.Intent;
import org.openvpp.node.outbox.IntentState;
import org.openvpp.node.outbox.OutboxVerticle;
import org.openvpp.node.outbox.StepHook;
import org.openvpp.node.outbox.TransactionOutbox;
import org.openvpp.node.outbox.Web3jChainGateway;
import org.openvpp.node.store.Database;
import org.web3j.crypto.Credentials;

/**
 * Both verticles deployed on a real Vert.x as the composition root would: the outbox sends the
 * OEM's revocation, the follower (two confirmations) sees it and the directory refuses the device.
 * The database refuses event-loop threads, so this also shows that both work on worker threads.
 */
@ExtendWith(AnvilExtension.class)
class ChainVerticlesIT {
  @TempDir Path dir;

  @Test
  void aRevocationSentThroughTheOutboxReachesTheDirectoryThroughTheFollower(Anvil anvil)
      throws Exception {
    ChainFixture chain = new ChainFixture(anvil);
    Oem oem = Oem.admit(chain, chain.account(1), "Acme Batteries");
    long model = oem.model(DeviceClass.HOME_BATTERY, 5_000, 13_500);
    Credentials key = Oem.newDeviceKey();
    DeviceCertificate cert = Oem.certificate(key, model, DeviceClass.HOME_BATTERY, 5_000, 13_500);
    chain.devices(chain.account(7)).registerDevice(cert.toContractStruct(), oem.sign(cert)).send();
    String device = key.getAddress().toLowerCase(Locale.ROOT);
    String registry = chain.deployment().deviceRegistry();
    ChainDeviceDirectory directory =
        new ChainDeviceDirectory(
            anvil.web3j(),
            registry,
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
            3_600_000);
    assertThat(directory.find(device).orElseThrow().active()).isTrue();

    try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("node.db"))) {
      Vertx vertx = Vertx.vertx();
      try {
        ChainFollower follower =
            new ChainFollower(
                    db,
                    new Web3jChainReader(anvil.web3j()),
                    FollowerSettings.forDeployment(chain.deployment(), 2, 16))
                .subscribe(DeviceRevocationListener.subscription(registry, directory));
        TransactionOutbox outbox =
            new TransactionOutbox(
                db,
                new Web3jChainGateway(anvil.web3j(), anvil.chainId()),
                oem.account(),
                FeePolicy.defaults(),
                StepHook.NONE);
        OutboxVerticle outboxVerticle = new OutboxVerticle(outbox, Duration.ofMillis(100));
        await(vertx.deployVerticle(new ChainFollowerVerticle(follower, Duration.ofMillis(100))));
        await(vertx.deployVerticle(outboxVerticle));

        String calldata = oem.registry().revokeDevice(device).encodeFunctionCall();
        await(
            outboxVerticle.enqueue(
                new Intent("revoke-" + device, registry, calldata, BigInteger.ZERO)));
        Await.until(
            () -> outbox.status("revoke-" + device).orElseThrow().state() == IntentState.MINED,
            "the outbox to mine the revocation");
        long mined = outbox.status("revoke-" + device).orElseThrow().blockNumber().orElseThrow();
        assertThat(directory.find(device).orElseThrow().active()).isTrue(); // unconfirmed: cached

        anvil.mine(2);
        Await.until(
            () -> directory.find(device).orElseThrow().status() == DeviceStatus.REVOKED,
            "the follower to report the confirmed revocation");
        assertThat(follower.cursor().orElseThrow().number()).isGreaterThanOrEqualTo(mined);
      } finally {
        await(vertx.close()); // before the database closes under a running pass
      }
    }
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
