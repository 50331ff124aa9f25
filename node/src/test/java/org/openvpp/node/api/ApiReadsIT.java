package org.openvpp.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.evidence.EvidenceLeaf;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.RewardTree;
import org.openvpp.contracts.merkle.StandardMerkleTree;
import org.openvpp.node.api.model.AwardView;
import org.openvpp.node.api.model.MarketSource;
import org.openvpp.node.api.model.RequestView;
import org.openvpp.node.api.model.SubmissionView;
import org.openvpp.node.rewards.SubmissionKey;
import org.web3j.utils.Numeric;

/** The read routes serve what the node's sources hold, in the documented shapes. */
class ApiReadsIT {
  @TempDir Path dir;

  @Test
  void statusDevicesAndLimits() throws Exception {
    try (ApiHarness api = new ApiHarness(dir)) {
      JsonObject status = new JsonObject(api.get("/v1/status").body());
      assertThat(status.getString("node")).isEqualTo(ApiHarness.NODE);
      assertThat(status.getLong("chainId")).isEqualTo(31_337);
      assertThat(status.getLong("followedBlock")).isEqualTo(7);
      assertThat(status.containsKey("chainHead")).isTrue();
      assertThat(status.getValue("chainHead")).isNull();

      JsonArray devices = new JsonArray(api.get("/v1/devices").body());
      assertThat(devices).hasSize(1);
      JsonObject d = devices.getJsonObject(0);
      assertThat(d.getString("device")).isEqualTo(ApiHarness.DEVICE);
      assertThat(d.getString("owner")).isEqualTo(ApiHarness.OWNER);
      assertThat(d.getString("deviceClass")).isEqualTo("HOME_BATTERY");
      assertThat(d.getString("assurance")).isEqualTo("DEVICE_SIGNED");
      assertThat(d.getBoolean("online")).isTrue();
      assertThat(d.getJsonObject("ownerLimits").getLong("updatedAtMs")).isZero();

      String path = "/v1/devices/" + ApiHarness.DEVICE.toUpperCase().replace("0X", "0x");
      assertThat(api.get(path).statusCode()).as("addresses in any case").isEqualTo(200);
      api.put(
          "/v1/devices/" + ApiHarness.DEVICE + "/limits",
          "{\"minSocPermille\":250,\"reserveWh\":2000,\"departureMs\":0}",
          api.token());
      JsonObject limits =
          new JsonObject(api.get("/v1/devices/" + ApiHarness.DEVICE + "/limits").body());
      assertThat(limits.getInteger("minSocPermille")).isEqualTo(250);
      assertThat(limits.getLong("updatedAtMs")).isPositive();
      assertThat(
              new JsonObject(api.get("/v1/devices/" + ApiHarness.DEVICE).body())
                  .getJsonObject("ownerLimits")
                  .getLong("reserveWh"))
          .isEqualTo(2000);
    }
  }

  @Test
  void marketListingsComeFromTheirSourcesNewestFirstUpToTheLimit() throws Exception {
    List<RequestView> requests = new ArrayList<>();
    IntStream.rangeClosed(1, 250)
        .forEach(
            i ->
                requests.add(
                    0,
                    new RequestView(
                        BigInteger.valueOf(i),
                        "0x" + "00".repeat(32),
                        "UP",
                        6_000,
                        1_767_225_600L,
                        3_600,
                        BigInteger.TEN.pow(17),
                        "OPEN")));
    MarketSource market =
        MarketSource.empty()
            .withRequests(limit -> requests.subList(0, Math.min(limit, requests.size())))
            .withAwards(
                limit ->
                    List.of(
                        new AwardView(
                            BigInteger.TWO, 3_000, BigInteger.TEN.pow(17), 1, 3_600, "AWARDED")))
            .withSubmissions(
                limit ->
                    List.of(
                        new SubmissionView(
                            BigInteger.ONE,
                            Optional.empty(),
                            "0x" + "11".repeat(32),
                            "0x" + "22".repeat(32),
                            new BigInteger("123456789012345678901234567890"),
                            900,
                            1,
                            "FINALIZED")));
    try (ApiHarness api = new ApiHarness(dir, s -> s.withMarket(market))) {
      JsonArray all = new JsonArray(api.get("/v1/requests").body());
      assertThat(all).hasSize(Params.DEFAULT_LIMIT);
      assertThat(all.getJsonObject(0).getString("requestId")).isEqualTo("250");
      assertThat(new JsonArray(api.get("/v1/requests?limit=3").body())).hasSize(3);
      assertThat(new JsonArray(api.get("/v1/requests?limit=1000").body())).hasSize(250);
      assertThat(new JsonArray(api.get("/v1/awards").body()).getJsonObject(0).getLong("awardedW"))
          .isEqualTo(3_000);
      JsonObject s = new JsonArray(api.get("/v1/submissions").body()).getJsonObject(0);
      assertThat(s.getString("rewardTotal")).isEqualTo("123456789012345678901234567890");
      assertThat(s.getValue("requestId")).isNull();
      for (String empty : List.of("/v1/bids", "/v1/dispatches", "/v1/attestations")) {
        assertThat(api.get(empty).body()).as(empty).isEqualTo("[]");
      }
    }
  }

  @Test
  void rewardsAreClaimProofsTheWalletCanUseAndEarningsAddUp() throws Exception {
    try (ApiHarness api = new ApiHarness(dir)) {
      String second = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
      var next =
          api.book
              .tip()
              .plus(
                  BigInteger.valueOf(1_000),
                  new EvidenceTree(
                      List.of(
                          new EvidenceLeaf(
                              ApiHarness.DEVICE, second, new byte[32], new byte[32], 0, 10))));
      api.book.submitted(SubmissionKey.evidence(BigInteger.TWO), next);
      // Not finalized yet: the second owner has a pending amount and nothing to claim.
      assertThat(api.get("/v1/rewards/" + second).body()).isEqualTo("[]");
      JsonObject pending = new JsonObject(api.get("/v1/earnings/" + second).body());
      assertThat(pending.getString("finalized")).isEqualTo("0");
      assertThat(pending.getString("pending")).isEqualTo("1000");

      api.book.finalized(SubmissionKey.evidence(BigInteger.TWO));
      RewardTree tree = next.tree();
      for (String owner : List.of(ApiHarness.OWNER, second)) {
        JsonArray claims = new JsonArray(api.get("/v1/rewards/" + owner).body());
        assertThat(claims).hasSize(1);
        JsonObject c = claims.getJsonObject(0);
        assertThat(c.fieldNames())
            .containsExactlyInAnyOrder(
                "chainId", "settlement", "node", "owner", "cumulativeAmount", "proof");
        assertThat(c.getLong("chainId")).isEqualTo(ApiHarness.CHAIN_ID);
        assertThat(c.getString("settlement")).isEqualTo(ApiHarness.SETTLEMENT);
        assertThat(c.getString("node")).isEqualTo(ApiHarness.NODE);
        assertThat(c.getString("owner")).isEqualTo(owner);
        assertThat(c.getValue("cumulativeAmount")).isInstanceOf(String.class);
        BigInteger amount = new BigInteger(c.getString("cumulativeAmount"));
        assertThat(amount).isEqualTo(tree.amountOf(owner));
        List<byte[]> proof = new ArrayList<>();
        c.getJsonArray("proof").forEach(w -> proof.add(Numeric.hexStringToByteArray((String) w)));
        assertThat(
                StandardMerkleTree.verify(
                    tree.root(),
                    StandardMerkleTree.leafHash(RewardTree.encode(owner, amount)),
                    proof))
            .isTrue();
      }
      assertThat(api.get("/v1/rewards/0x" + "12".repeat(20)).body()).isEqualTo("[]");
      JsonArray earnings = new JsonArray(api.get("/v1/earnings").body());
      assertThat(earnings).hasSize(2);
      BigInteger total = BigInteger.ZERO;
      for (Object e : earnings) {
        total = total.add(new BigInteger(((JsonObject) e).getString("finalized")));
      }
      assertThat(total).isEqualTo(tree.total());
    }
  }

  @Test
  void peersWithoutAP2pNetworkAreAnEmptyList() throws Exception {
    try (ApiHarness api = new ApiHarness(dir)) {
      JsonObject peers = new JsonObject(api.get("/v1/peers").body());
      assertThat(peers.getJsonArray("connected")).isEmpty();
      assertThat(peers.getValue("peerId")).isNull();
    }
  }
}
