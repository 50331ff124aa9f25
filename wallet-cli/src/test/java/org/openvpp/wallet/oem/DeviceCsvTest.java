package org.openvpp.wallet.oem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceCsvTest {
  private static final String A = "0x1f9090aae28b8a3dceadf281b0f12828e676c326";
  private static final String B = "0x2F9090AAE28B8A3DCEADF281B0F12828E676C326";

  @TempDir Path dir;

  private Path csv(String text) throws Exception {
    return Files.writeString(dir.resolve("devices.csv"), text);
  }

  @Test
  void readsRowsSkippingHeaderCommentsAndBlankLines() throws Exception {
    List<DeviceCsv.Row> rows =
        DeviceCsv.read(
            csv("address,serial\n# line two\n" + A + ",SN-1\n\n" + B + ", SN-2 ,5000,\n"));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).device()).isEqualTo(A);
    assertThat(rows.get(0).powerW()).isEmpty();
    assertThat(rows.get(1).device()).isEqualTo(B.toLowerCase());
    assertThat(rows.get(1).serial()).isEqualTo("SN-2");
    assertThat(rows.get(1).powerW()).hasValue(5000);
    assertThat(rows.get(1).capacityWh()).isEmpty();
    assertThat(rows.get(1).line()).isEqualTo(5);
  }

  @Test
  void namesTheLineOfABadAddress() throws Exception {
    assertThatThrownBy(() -> DeviceCsv.read(csv(A + ",SN-1\n0x12,SN-2\n")))
        .hasMessageContaining("line 2")
        .hasMessageContaining("'0x12' is not a device address");
  }

  @Test
  void rejectsDuplicatesEmptySerialsBadNumbersAndEmptyFiles() throws Exception {
    assertThatThrownBy(() -> DeviceCsv.read(csv(A + ",SN-1\n" + A + ",SN-2\n")))
        .hasMessageContaining("line 2")
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> DeviceCsv.read(csv(A + ",\n"))).hasMessageContaining("serial");
    assertThatThrownBy(() -> DeviceCsv.read(csv(A + ",SN,-5\n")))
        .hasMessageContaining("ratedPowerW");
    assertThatThrownBy(() -> DeviceCsv.read(csv("address,serial\n")))
        .hasMessageContaining("no devices");
  }
}
