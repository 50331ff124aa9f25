package org.openvpp.gateway.sunspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SunSpecConfigTest {
  private static Map<String, String> battery() {
    Map<String, String> m = new HashMap<>();
    m.put("gateway.sunspec.devices", "bat");
    m.put("gateway.sunspec.device.bat.host", "192.0.2.10");
    m.put("gateway.sunspec.device.bat.role", "battery");
    m.put("gateway.sunspec.device.bat.rated.power.w", "5000");
    m.put("gateway.sunspec.device.bat.capacity.wh", "10000");
    m.put("bridge.other.section", "ignored");
    return m;
  }

  @Test
  void parsesASectionWithDefaults() {
    SunSpecConfig c = SunSpecConfig.parse(battery());
    assertThat(c.pollPeriodMs()).isEqualTo(5_000);
    assertThat(c.timeoutMs()).isEqualTo(2_000);
    assertThat(c.devices())
        .containsExactly(
            new SunSpecDeviceConfig("bat", "192.0.2.10", 502, 1, SunSpecRole.BATTERY, 5000, 10000));
  }

  @Test
  void refusesTyposMissingKeysAndNonsense() {
    Map<String, String> typo = battery();
    typo.put("gateway.sunspec.device.bat.prot", "503");
    assertThatThrownBy(() -> SunSpecConfig.parse(typo)).hasMessageContaining("unknown key");

    Map<String, String> noHost = battery();
    noHost.remove("gateway.sunspec.device.bat.host");
    assertThatThrownBy(() -> SunSpecConfig.parse(noHost)).hasMessageContaining("host is required");

    Map<String, String> role = battery();
    role.put("gateway.sunspec.device.bat.role", "toaster");
    assertThatThrownBy(() -> SunSpecConfig.parse(role)).hasMessageContaining("inverter or battery");

    Map<String, String> port = battery();
    port.put("gateway.sunspec.device.bat.port", "70000");
    assertThatThrownBy(() -> SunSpecConfig.parse(port)).hasMessageContaining("port");

    Map<String, String> notANumber = battery();
    notANumber.put("gateway.sunspec.poll.period.ms", "fast");
    assertThatThrownBy(() -> SunSpecConfig.parse(notANumber)).hasMessageContaining("integer");

    Map<String, String> noCapacity = battery();
    noCapacity.remove("gateway.sunspec.device.bat.capacity.wh");
    assertThatThrownBy(() -> SunSpecConfig.parse(noCapacity)).hasMessageContaining("capacity");

    Map<String, String> tooFast = battery();
    tooFast.put("gateway.sunspec.poll.period.ms", "10");
    assertThatThrownBy(() -> SunSpecConfig.parse(tooFast)).hasMessageContaining("100..60000");
  }
}
