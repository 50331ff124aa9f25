package org.openvpp.bridge.mqtt;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Client settings.
 *
 * @param serverUri {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId stable client id (persistent sessions are keyed by it)
 * @param username optional user name
 * @param password optional password (never logged)
 * @param cleanStart false for a persistent session
 * @param sessionExpirySeconds how long the broker keeps the session while disconnected
 * @param manualAcks true to acknowledge QoS 1 messages only through {@link MqttConnection#ack}
 * @param will optional last will
 * @param persistenceDir directory for Paho's in-flight state, or empty for memory
 * @param maxInflight outgoing QoS 1 messages in flight at once
 * @param tls TLS trust settings for {@code ssl://} URIs, or empty for the JVM default
 */
public record MqttSettings(
    String serverUri,
    String clientId,
    Optional<String> username,
    Optional<String> password,
    boolean cleanStart,
    long sessionExpirySeconds,
    boolean manualAcks,
    Optional<Will> will,
    Optional<Path> persistenceDir,
    int maxInflight,
    Optional<TlsSettings> tls) {

  public MqttSettings {
    Objects.requireNonNull(serverUri, "serverUri");
    Objects.requireNonNull(clientId, "clientId");
    if (maxInflight < 1) {
      throw new IllegalArgumentException("maxInflight must be >= 1");
    }
  }

  /** Defaults: persistent session of one day, automatic acks, memory persistence, 100 in flight. */
  public static MqttSettings of(String serverUri, String clientId) {
    return new MqttSettings(
        serverUri,
        clientId,
        Optional.empty(),
        Optional.empty(),
        false,
        86_400,
        false,
        Optional.empty(),
        Optional.empty(),
        100,
        Optional.empty());
  }

  public MqttSettings withManualAcks(boolean manual) {
    return new MqttSettings(
        serverUri,
        clientId,
        username,
        password,
        cleanStart,
        sessionExpirySeconds,
        manual,
        will,
        persistenceDir,
        maxInflight,
        tls);
  }

  public MqttSettings withWill(Will newWill) {
    return new MqttSettings(
        serverUri,
        clientId,
        username,
        password,
        cleanStart,
        sessionExpirySeconds,
        manualAcks,
        Optional.of(newWill),
        persistenceDir,
        maxInflight,
        tls);
  }

  public MqttSettings withCredentials(String user, String secret) {
    return new MqttSettings(
        serverUri,
        clientId,
        Optional.of(user),
        Optional.of(secret),
        cleanStart,
        sessionExpirySeconds,
        manualAcks,
        will,
        persistenceDir,
        maxInflight,
        tls);
  }

  public MqttSettings withCleanStart(boolean clean) {
    return new MqttSettings(
        serverUri,
        clientId,
        username,
        password,
        clean,
        sessionExpirySeconds,
        manualAcks,
        will,
        persistenceDir,
        maxInflight,
        tls);
  }

  public MqttSettings withMaxInflight(int n) {
    return new MqttSettings(
        serverUri,
        clientId,
        username,
        password,
        cleanStart,
        sessionExpirySeconds,
        manualAcks,
        will,
        persistenceDir,
        n,
        tls);
  }

  public MqttSettings withPersistenceDir(Path dir) {
    return new MqttSettings(
        serverUri,
        clientId,
        username,
        password,
        cleanStart,
        sessionExpirySeconds,
        manualAcks,
        will,
        Optional.of(dir),
        maxInflight,
        tls);
  }

  public MqttSettings withTls(TlsSettings settings) {
    return new MqttSettings(
        serverUri,
        clientId,
        username,
        password,
        cleanStart,
        sessionExpirySeconds,
        manualAcks,
        will,
        persistenceDir,
        maxInflight,
        Optional.of(settings));
  }

  @Override
  public String toString() {
    return "MqttSettings[serverUri="
        + serverUri
        + ", clientId="
        + clientId
        + ", username="
        + username.orElse("-")
        + ", password="
        + (password.isPresent() ? "***" : "-")
        + ", cleanStart="
        + cleanStart
        + ", manualAcks="
        + manualAcks
        + "]";
  }

  /** A last-will message, published retained at QoS 1 when the connection drops. */
  public record Will(String topic, byte[] payload) {}

  /**
   * TLS trust settings: a PKCS12 or JKS trust store holding the broker's CA.
   *
   * @param trustStore the trust store file
   * @param trustStorePassword its password (never logged)
   */
  public record TlsSettings(Path trustStore, String trustStorePassword) {}
}
