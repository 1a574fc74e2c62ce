package io.vigil.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplayParsingTest {
  @Test
  void shouldReadNabRowsAsUtcWithTheDefaultKey() {
    CsvEvents csv = CsvEvents.header("\uFEFFtimestamp,value", "nab-file");

    assertThat(csv.row("2014-04-10 07:15:00,12.5").toString())
        .isEqualTo("{\"key\":\"nab-file\",\"timestamp\":\"2014-04-10T07:15:00Z\",\"value\":12.5}");
  }

  @Test
  void shouldTakeTheKeyColumnAndIsoOrEpochTimestamps() {
    CsvEvents csv = CsvEvents.header("key,timestamp,value", "unused");

    assertThat(csv.row("h1/cpu,2024-01-01T00:00:00Z,1").get("key").asText()).isEqualTo("h1/cpu");
    assertThat(csv.row("h1/cpu,0,1").get("timestamp").asText()).isEqualTo("1970-01-01T00:00:00Z");
  }

  @Test
  void shouldSayWhatIsWrongWithABadRowOrHeader() {
    CsvEvents csv = CsvEvents.header("timestamp,value", "k");

    assertThatThrownBy(() -> csv.row("2014-04-10 07:15:00")).hasMessageContaining("fields");
    assertThatThrownBy(() -> csv.row("2014-04-10 07:15:00,abc")).hasMessageContaining("value");
    assertThatThrownBy(() -> csv.row("yesterday,1")).hasMessageContaining("timestamp");
    assertThatThrownBy(() -> CsvEvents.header("time,val", "k")).hasMessageContaining("header");
  }

  @Test
  void shouldParseSpeeds() {
    assertThat(ReplaySpeed.parse("max")).isEqualTo(ReplaySpeed.MAX);
    assertThat(ReplaySpeed.parse("realtime").factor()).isEqualTo(1);
    assertThat(ReplaySpeed.parse("10x").factor()).isEqualTo(10);
    assertThat(ReplaySpeed.parse("0.5").factor()).isEqualTo(0.5);
    assertThat(ReplaySpeed.parse("10x").wallNanos(1_000)).isEqualTo(100_000_000L);
    assertThatThrownBy(() -> ReplaySpeed.parse("warp")).hasMessageContaining("warp");
    assertThatThrownBy(() -> ReplaySpeed.parse("0")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldTellCsvFromTheFileName() {
    assertThat(ReplayFormat.ofFileName("a/b/data.CSV")).isEqualTo(ReplayFormat.CSV);
    assertThat(ReplayFormat.ofFileName("events.ndjson")).isEqualTo(ReplayFormat.NDJSON);
  }
}
