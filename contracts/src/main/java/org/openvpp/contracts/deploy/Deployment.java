package org.openvpp.contracts.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the contracts of one network live: chain id, the block of the first deployment transaction
 * (chain listeners start there), the deployer, the governance timelock (which holds every
 * governance and admin role), contract addresses and the parameters they were deployed with
 * (including {@code timelockDelaySeconds} and {@code supplyCap}). Written as JSON by the deployer
 * and read by the node, the wallet and the tests.
 */
public record Deployment(
    long chainId,
    long deployBlock,
    String deployer,
    String timelock,
    Map<String, String> contracts,
    Map<String, String> parameters) {

  public static final String FLEX_TOKEN = "FlexToken";
  public static final String DEVICE_REGISTRY = "DeviceRegistry";
  public static final String NODE_REGISTRY = "NodeRegistry";
  public static final String FLEXIBILITY_COORDINATOR = "FlexibilityCoordinator";
  public static final String SETTLEMENT = "Settlement";
  public static final String FRAUD_PROOFS = "FraudProofs";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Deployment {
    // Sorted and unmodifiable: the file and the printed summary list contracts in a stable order.
    contracts = Collections.unmodifiableSortedMap(new TreeMap<>(contracts));
    parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
  }

  public String address(String contract) {
    String address = contracts.get(contract);
    if (address == null) {
      throw new IllegalArgumentException("deployment has no " + contract);
    }
    return address;
  }

  public String flexToken() {
    return address(FLEX_TOKEN);
  }

  public String deviceRegistry() {
    return address(DEVICE_REGISTRY);
  }

  public String nodeRegistry() {
    return address(NODE_REGISTRY);
  }

  public String coordinator() {
    return address(FLEXIBILITY_COORDINATOR);
  }

  public String settlement() {
    return address(SETTLEMENT);
  }

  /**
   * The FraudProofs contract (challenges). Files written before it existed have no such key and are
   * still readable; only this accessor fails on them.
   */
  public String fraudProofs() {
    return address(FRAUD_PROOFS);
  }

  public BigInteger parameter(String name) {
    return new BigInteger(parameters.get(name));
  }

  public void write(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, toJson());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Deployment read(Path file) {
    try {
      return JSON.readValue(file.toFile(), Deployment.class);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read deployment file " + file + ": " + e.getMessage(), e);
    }
  }
}
