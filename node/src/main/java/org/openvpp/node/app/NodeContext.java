package org.openvpp.node.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.node.config.NodeConfig;
import org.openvpp.node.keys.NodeKeys;

/**
 * What every part of the node may be built from: the one Vert.x instance, the sealed config, the
 * unlocked keys, the deployment, the meters and the clock. Parts take what they need from here in
 * their factory, so each verticle's constructor still names its own collaborators.
 */
public record NodeContext(
    Vertx vertx,
    NodeConfig config,
    NodeKeys keys,
    Deployment deployment,
    MeterRegistry metrics,
    Clock clock) {}
