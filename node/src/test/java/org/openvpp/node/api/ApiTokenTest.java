package org.openvpp.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenTest {
  @TempDir Path dir;

  @Test
  void createsA256BitTokenReadableByTheOwnerOnlyAndReusesIt() throws Exception {
    Path data = dir.resolve("data");
    ApiToken first = ApiToken.loadOrCreate(data);
    Path file = data.resolve(ApiToken.FILE_NAME);
    String token = Files.readString(file).strip();
    assertThat(token).matches("[0-9a-f]{64}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(first.accepts("Bearer " + token)).isTrue();

    ApiToken again = ApiToken.loadOrCreate(data);
    assertThat(Files.readString(file).strip()).isEqualTo(token);
    assertThat(again.accepts("Bearer " + token)).isTrue();
    try (var files = Files.list(data)) {
      assertThat(files.count()).as("no temporary file left").isEqualTo(1);
    }
  }

  @Test
  void everyStartInAnotherDirectoryGetsAnotherToken() {
    ApiToken a = ApiToken.loadOrCreate(dir.resolve("a"));
    ApiToken b = ApiToken.loadOrCreate(dir.resolve("b"));
    String tokenA = read(dir.resolve("a"));
    assertThat(a.accepts("Bearer " + tokenA)).isTrue();
    assertThat(b.accepts("Bearer " + tokenA)).isFalse();
  }

  @Test
  void refusesAnythingButTheExactBearerToken() {
    ApiToken t = ApiToken.loadOrCreate(dir);
    String token = read(dir);
    assertThat(t.accepts(null)).isFalse();
    assertThat(t.accepts("")).isFalse();
    assertThat(t.accepts("Bearer")).isFalse();
    assertThat(t.accepts("Bearer ")).isFalse();
    assertThat(t.accepts(token)).isFalse();
    assertThat(t.accepts("Basic " + token)).isFalse();
    assertThat(t.accepts("bearer " + token)).isFalse();
    assertThat(t.accepts("Bearer " + token.toUpperCase(java.util.Locale.ROOT))).isFalse();
    assertThat(t.accepts("Bearer " + token.substring(1))).isFalse();
    assertThat(t.accepts("Bearer " + token + "0")).isFalse();
    assertThat(t.accepts("Bearer " + token)).isTrue();
  }

  @Test
  void aTokenFileOthersCanReadIsTightened() throws Exception {
    ApiToken.loadOrCreate(dir);
    Path file = dir.resolve(ApiToken.FILE_NAME);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    ApiToken.loadOrCreate(dir);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aDamagedTokenFileStopsTheStartWithWhatToDo() throws Exception {
    Files.writeString(dir.resolve(ApiToken.FILE_NAME), "not a token\n");
    assertThatThrownBy(() -> ApiToken.loadOrCreate(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not an API token")
        .hasMessageContaining("delete it");
  }

  private static String read(Path data) {
    try {
      return Files.readString(data.resolve(ApiToken.FILE_NAME)).strip();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
