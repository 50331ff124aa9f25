package org.openvpp.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
  @Test
  void sqliteAndPostgresUrlsAreAccepted() {
    assertThat(DatabaseUrl.parse("jdbc:sqlite:data/node.db").dialect()).isEqualTo(Dialect.SQLITE);
    assertThat(DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/vpp").dialect())
        .isEqualTo(Dialect.POSTGRES);
    assertThat(DatabaseUrl.sqliteFile("jdbc:sqlite:/var/x/node.db?foo=bar"))
        .isEqualTo("/var/x/node.db");
  }

  @Test
  void otherUrlsAreRefusedWithTheFormsThatWork() {
    assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:mysql://h/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:sqlite:<file>")
        .hasMessageContaining("jdbc:postgresql://");
    assertThatThrownBy(() -> DatabaseUrl.parse("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> DatabaseUrl.parse(null)).hasMessageContaining("empty");
    assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:sqlite:")).hasMessageContaining("no file");
  }

  @Test
  void inMemorySqliteIsRefusedBecauseItLosesTheState() {
    assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:sqlite::memory:"))
        .hasMessageContaining("in-memory");
    assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:sqlite:file:x?mode=memory&cache=shared"))
        .hasMessageContaining("in-memory");
  }

  @Test
  void passwordsNeverReachMessages() {
    String url = "jdbc:postgresql://vpp:s3cret@db:5432/vpp?password=s3cret";
    assertThat(DatabaseUrl.parse(url).redacted()).doesNotContain("s3cret").contains("db:5432/vpp");
    assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:oracle://u:s3cret@h/x?password=s3cret"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }
}
