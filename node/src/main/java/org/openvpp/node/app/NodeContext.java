package org.openvpp.node.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import org.openvpp.bridge.directory.ChainDeviceDirectory;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.node.config.NodeConfig;
import org.openvpp.node.keys.NodeKeys;
import org.openvpp.node.rewards.RewardBook;
import org.openvpp.node.store.Database;
import org.web3j.protocol.Web3j;

/**
 * What every part of the node may be built from: the one Vert.x instance, the sealed config, the
 * unlocked keys, the deployment, the shared resources (database, JSON-RPC client, the device
 * directory the bridge reads and the chain follower updates, the reward book), the meters and the
 * clock. Parts take what they need here in their factory, so each verticle's constructor names its
 * collaborators.
 */
public record NodeContext(
    Vertx vertx,
    NodeConfig config,
    NodeKeys keys,
    Deployment deployment,
    Database database,
    Web3j web3j,
    ChainDeviceDirectory devices,
    RewardBook rewards,
    PrometheusMeterRegistry metrics,
    Clock clock) {}
