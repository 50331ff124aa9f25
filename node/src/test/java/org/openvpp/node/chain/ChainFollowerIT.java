package org.openvpp.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.bridge.directory.ChainDeviceDirectory;
import org.openvpp.bridge.directory.DeviceStatus;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.generated.DeviceRegistry.DeviceRegisteredEventResponse;
import org.openvpp.contracts.generated.DeviceRegistry.DeviceRevokedEventResponse;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Oem;
import org.openvpp.contracts.testing.PostgresExtension;
import org.openvpp.contracts.testing.PostgresServer;
import org.openvpp.node.store.Database;
import org.openvpp.node.store.Dialect;
import org.openvpp.node.store.TestDatabase;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The follower on a real Anvil and a real SQLite file: confirmation depth, resumption by a new
 * instance, reorganizations made with {@code anvil_reorg}, and revocations reaching the directory.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class ChainFollowerIT {
  private TestDatabase database;
  private Anvil anvil;
  private ChainFixture chain;
  private Oem oem;
  private long model;

  @BeforeEach
  void deploy(Anvil anvil, @TempDir Path dir, PostgresServer postgres) throws Exception {
    database = new TestDatabase(dir, postgres);
    this.anvil = anvil;
    chain = new ChainFixture(anvil);
    oem = Oem.admit(chain, chain.account(1), "Acme Batteries");
    model = oem.model(DeviceClass.HOME_BATTERY, 5_000, 13_500);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void appliesARevocationOnlyOnceConfirmedAndTheDirectoryRefusesTheDeviceAtOnce(Dialect dialect)
      throws Exception {
    database.use(dialect);
    String device = registerDevice();
    // A directory whose cache would keep the device active for an hour.
    ChainDeviceDirectory directory =
        new ChainDeviceDirectory(anvil.web3j(), registry(), fixedClock(), 3_600_000);
    assertThat(directory.find(device).orElseThrow().active()).isTrue();
    RecordingListener<DeviceRevokedEventResponse> heard = revocations();
    try (Database db = database.open()) {
      ChainFollower follower =
          follower(db, 3, 16)
              .subscribe(DeviceRevocationListener.subscription(registry(), directory))
              .subscribe(subscription(heard));
      follower.poll();

      long block = oem.registry().revokeDevice(device).send().getBlockNumber().longValueExact();
      follower.poll();
      anvil.mine(2);
      follower.poll();
      assertThat(heard.calls).isEmpty();
      assertThat(directory.find(device).orElseThrow().active()).isTrue(); // still the cache

      anvil.mine(1); // now three blocks follow the revocation
      ChainFollower.PollResult result = follower.poll();

      assertThat(heard.calls).containsExactly("apply " + device + " @" + block);
      assertThat(result.cursor().orElseThrow().number()).isEqualTo(block + 3 - 3);
      assertThat(directory.find(device).orElseThrow().status()).isEqualTo(DeviceStatus.REVOKED);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aNewFollowerOnTheSameDatabaseContinuesWithoutDuplicatesOrGaps(Dialect dialect)
      throws Exception {
    database.use(dialect);
    List<String> early = List.of(registerDevice(), registerDevice(), registerDevice());
    anvil.mine(1);
    RecordingListener<DeviceRegisteredEventResponse> first = registrations();
    try (Database db = database.open()) {
      follower(db, 1, 8).subscribe(registrationSubscription(first)).poll();
    }
    List<String> late = List.of(registerDevice(), registerDevice(), registerDevice());
    oem.registry().revokeDevice(early.get(0)).send();
    anvil.mine(1);

    RecordingListener<DeviceRegisteredEventResponse> second = registrations();
    try (Database db = database.open()) {
      ChainFollower restarted = follower(db, 1, 8).subscribe(registrationSubscription(second));
      restarted.poll();

      assertThat(devicesOf(first)).containsExactlyElementsOf(early);
      assertThat(devicesOf(second)).containsExactlyElementsOf(late);
      List<String> recorded = restarted.events().stream().map(ChainFollowerIT::id).toList();
      Web3jChainReader reader = new Web3jChainReader(anvil.web3j());
      List<String> onChain =
          reader
              .logs(
                  chain.deployment().deployBlock(),
                  reader.headNumber() - 1,
                  settings(1, 8).contracts())
              .stream()
              .map(ChainFollowerIT::id)
              .toList();
      assertThat(recorded).doesNotHaveDuplicates().containsExactlyElementsOf(onChain);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aReorganizationUndoesTheVanishedEventAndAppliesTheMovedOneOnce(Dialect dialect)
      throws Exception {
    database.use(dialect);
    String first = registerDevice();
    String second = registerDevice();
    ChainDeviceDirectory directory =
        new ChainDeviceDirectory(anvil.web3j(), registry(), fixedClock(), 3_600_000);
    RecordingListener<DeviceRevokedEventResponse> heard = revocations();
    try (Database db = database.open()) {
      ChainFollower follower =
          follower(db, 0, 8)
              .subscribe(DeviceRevocationListener.subscription(registry(), directory))
              .subscribe(subscription(heard));
      long n = oem.registry().revokeDevice(first).send().getBlockNumber().longValueExact();
      oem.registry().revokeDevice(second).send();
      follower.poll();
      assertThat(heard.calls)
          .containsExactly("apply " + first + " @" + n, "apply " + second + " @" + (n + 1));
      assertThat(directory.find(first).orElseThrow().status()).isEqualTo(DeviceStatus.REVOKED);

      // Blocks n and n+1 are replaced: only the second revocation survives, now in block n.
      String calldata = oem.registry().revokeDevice(second).encodeFunctionCall();
      Map<String, String> tx =
          Map.of("from", oem.account().getAddress(), "to", registry(), "data", calldata);
      AnvilRpc.call(anvil, "anvil_reorg", 2, List.of(List.of(tx, 0)));
      ChainFollower.PollResult result = follower.poll();

      assertThat(result.undone()).isEqualTo(2);
      assertThat(heard.calls)
          .containsExactly(
              "apply " + first + " @" + n,
              "apply " + second + " @" + (n + 1),
              "undo " + second + " @" + (n + 1),
              "undo " + first + " @" + n,
              "apply " + second + " @" + n);
      List<Log> revoked =
          follower.events().stream()
              .filter(l -> l.getTopics().get(0).equals(revokedTopic()))
              .toList();
      assertThat(revoked).hasSize(1);
      assertThat(revoked.get(0).getBlockHash())
          .isEqualTo(new Web3jChainReader(anvil.web3j()).header(n).orElseThrow().hash());
      assertThat(directory.find(first).orElseThrow().status()).isEqualTo(DeviceStatus.ACTIVE);
      assertThat(directory.find(second).orElseThrow().status()).isEqualTo(DeviceStatus.REVOKED);

      anvil.mine(1);
      assertThat(follower.poll().applied()).isZero();
      assertThat(heard.calls).hasSize(5);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aReorganizationBelowTheHorizonStopsTheFollowerInsteadOfGuessing(Dialect dialect)
      throws Exception {
    database.use(dialect);
    registerDevice();
    anvil.mine(6);
    try (Database db = database.open()) {
      ChainFollower follower = follower(db, 0, 2);
      follower.poll();
      BlockHeader before = follower.cursor().orElseThrow();

      // A transaction in the new branch: six empty blocks re-mined in the same second could hash
      // exactly as before, and then nothing changed.
      Map<String, String> tx =
          Map.of(
              "from", chain.admin().getAddress(), "to", oem.account().getAddress(), "value", "0x1");
      AnvilRpc.call(anvil, "anvil_reorg", 6, List.of(List.of(tx, 0)));

      assertThatThrownBy(follower::poll)
          .isInstanceOf(ReorgTooDeepException.class)
          .hasMessageContaining("raise the reorg horizon");
      assertThat(follower.cursor()).contains(before);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aListenerThatFailsRollsTheBlockBackAndHearsItAgainOnTheNextPoll(Dialect dialect)
      throws Exception {
    database.use(dialect);
    AtomicInteger failuresLeft = new AtomicInteger(1);
    RecordingListener<DeviceRegisteredEventResponse> heard = registrations();
    ChainListener<DeviceRegisteredEventResponse> flaky =
        new ChainListener<>() {
          @Override
          public void apply(DeviceRegisteredEventResponse e, EventContext c) throws SQLException {
            if (failuresLeft.getAndDecrement() > 0) {
              throw new SQLException("listener store unavailable");
            }
            heard.apply(e, c);
          }

          @Override
          public void undo(DeviceRegisteredEventResponse e, EventContext c) {
            heard.undo(e, c);
          }
        };
    String device = registerDevice();
    try (Database db = database.open()) {
      ChainFollower follower =
          follower(db, 0, 8)
              .subscribe(
                  new Subscription<>(
                      registry(),
                      DeviceRegistry.DEVICEREGISTERED_EVENT,
                      DeviceRegistry::getDeviceRegisteredEventFromLog,
                      flaky));
      assertThatThrownBy(follower::poll).hasRootCauseMessage("listener store unavailable");
      String topic = org.web3j.abi.EventEncoder.encode(DeviceRegistry.DEVICEREGISTERED_EVENT);
      Log registered =
          new Web3jChainReader(anvil.web3j())
                  .logs(
                      chain.deployment().deployBlock(),
                      anvil.web3j().ethBlockNumber().send().getBlockNumber().longValueExact(),
                      List.of(registry()))
                  .stream()
                  .filter(l -> l.getTopics().get(0).equals(topic))
                  .findFirst()
                  .orElseThrow();
      // The earlier blocks committed; the failing block and its event did not.
      assertThat(follower.events()).noneMatch(l -> l.getTopics().get(0).equals(topic));
      assertThat(follower.cursor().orElseThrow().number())
          .isEqualTo(registered.getBlockNumber().longValueExact() - 1);

      follower.poll();

      assertThat(devicesOf(heard)).containsExactly(device);
      assertThat(follower.events().stream().map(ChainFollowerIT::id)).doesNotHaveDuplicates();
    }
  }

  @Test
  void refusesToSubscribeToAContractItDoesNotFollow() {
    database.use(Dialect.SQLITE);
    try (Database db = database.open()) {
      assertThatThrownBy(
              () ->
                  follower(db, 0, 8)
                      .subscribe(
                          new Subscription<>(
                              chain.deployment().flexToken(),
                              DeviceRegistry.DEVICEREVOKED_EVENT,
                              DeviceRegistry::getDeviceRevokedEventFromLog,
                              revocations())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not watch");
    }
  }

  private String registerDevice() throws Exception {
    Credentials key = Oem.newDeviceKey();
    DeviceCertificate cert = Oem.certificate(key, model, DeviceClass.HOME_BATTERY, 5_000, 13_500);
    chain.devices(chain.account(7)).registerDevice(cert.toContractStruct(), oem.sign(cert)).send();
    return key.getAddress().toLowerCase(java.util.Locale.ROOT);
  }

  private FollowerSettings settings(int confirmations, int horizon) {
    return FollowerSettings.forDeployment(chain.deployment(), confirmations, horizon);
  }

  private ChainFollower follower(Database db, int confirmations, int horizon) {
    return new ChainFollower(
        db, new Web3jChainReader(anvil.web3j()), settings(confirmations, horizon));
  }

  private String registry() {
    return chain.deployment().deviceRegistry();
  }

  private static Clock fixedClock() {
    return Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  }

  private static String revokedTopic() {
    return org.web3j.abi.EventEncoder.encode(DeviceRegistry.DEVICEREVOKED_EVENT);
  }

  private static RecordingListener<DeviceRevokedEventResponse> revocations() {
    return new RecordingListener<>(e -> e.device.toLowerCase(java.util.Locale.ROOT));
  }

  private static RecordingListener<DeviceRegisteredEventResponse> registrations() {
    return new RecordingListener<>(e -> e.device.toLowerCase(java.util.Locale.ROOT));
  }

  private Subscription<DeviceRevokedEventResponse> subscription(
      ChainListener<DeviceRevokedEventResponse> listener) {
    return new Subscription<>(
        registry(),
        DeviceRegistry.DEVICEREVOKED_EVENT,
        DeviceRegistry::getDeviceRevokedEventFromLog,
        listener);
  }

  private Subscription<DeviceRegisteredEventResponse> registrationSubscription(
      ChainListener<DeviceRegisteredEventResponse> listener) {
    return new Subscription<>(
        registry(),
        DeviceRegistry.DEVICEREGISTERED_EVENT,
        DeviceRegistry::getDeviceRegisteredEventFromLog,
        listener);
  }

  private static List<String> devicesOf(RecordingListener<?> listener) {
    return listener.calls.stream().map(c -> c.split(" ")[1]).toList();
  }

  private static String id(Log log) {
    return log.getBlockHash().toLowerCase(java.util.Locale.ROOT) + "/" + log.getLogIndex();
  }
}
