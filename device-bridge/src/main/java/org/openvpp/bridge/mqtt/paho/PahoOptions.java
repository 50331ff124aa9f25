package org.openvpp.bridge.mqtt.paho;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.openvpp.bridge.mqtt.MqttSettings;

/** Maps our settings to Paho's connection options. */
final class PahoOptions {
  private PahoOptions() {}

  static MqttConnectionOptions from(MqttSettings s) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(s.cleanStart());
    o.setSessionExpiryInterval(s.sessionExpirySeconds());
    o.setAutomaticReconnect(true);
    o.setAutomaticReconnectDelay(1, 5);
    o.setKeepAliveInterval(10);
    o.setConnectionTimeout(10);
    o.setReceiveMaximum(1000);
    s.username().ifPresent(o::setUserName);
    s.password().ifPresent(p -> o.setPassword(p.getBytes(StandardCharsets.UTF_8)));
    s.will()
        .ifPresent(
            w -> {
              MqttMessage will = new MqttMessage(w.payload());
              will.setQos(1);
              will.setRetained(true);
              o.setWill(w.topic(), will);
            });
    s.tls().ifPresent(t -> o.setSocketFactory(sslContext(t).getSocketFactory()));
    return o;
  }

  private static SSLContext sslContext(MqttSettings.TlsSettings tls) {
    try (InputStream in = Files.newInputStream(tls.trustStore())) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(in, tls.trustStorePassword().toCharArray());
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new MqttClientException("cannot load TLS trust store " + tls.trustStore(), e);
    }
  }
}
