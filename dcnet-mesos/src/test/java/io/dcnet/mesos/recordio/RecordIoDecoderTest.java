package io.dcnet.mesos.recordio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordIoDecoderTest {
  private static final List<String> RECORDS =
      List.of("{\"type\":\"SUBSCRIBED\"}", "", "x", "{\"type\":\"HEARTBEAT\"}", "ünïcödé\n12\n");

  private static byte[] stream() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('\n'); // a blank line before the first length
    for (String r : RECORDS) {
      out.writeBytes(RecordIoDecoder.encode(r.getBytes(StandardCharsets.UTF_8)));
    }
    out.writeBytes("\n\n".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(RecordIoDecoder.encode("last".getBytes(StandardCharsets.UTF_8)));
    return out.toByteArray();
  }

  private static List<String> expected() {
    List<String> all = new ArrayList<>(RECORDS);
    all.add("last");
    return all;
  }

  private static List<String> strings(List<byte[]> records) {
    return records.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void decodesAtEverySingleSplitPoint() throws Exception {
    byte[] s = stream();
    for (int split = 0; split <= s.length; split++) {
      RecordIoDecoder d = new RecordIoDecoder();
      List<byte[]> got = new ArrayList<>(d.decode(s, 0, split));
      got.addAll(d.decode(s, split, s.length - split));
      assertThat(strings(got)).as("split at %d", split).isEqualTo(expected());
      assertThat(d.isIdle()).isTrue();
    }
  }

  @Test
  void decodesAtEveryPairOfSplitPoints() throws Exception {
    byte[] s = stream();
    for (int a = 0; a <= s.length; a++) {
      for (int b = a; b <= s.length; b++) {
        RecordIoDecoder d = new RecordIoDecoder();
        List<byte[]> got = new ArrayList<>(d.decode(s, 0, a));
        got.addAll(d.decode(s, a, b - a));
        got.addAll(d.decode(s, b, s.length - b));
        assertThat(strings(got)).as("splits %d,%d", a, b).isEqualTo(expected());
      }
    }
  }

  @Test
  void oneByteAtATime() throws Exception {
    byte[] s = stream();
    RecordIoDecoder d = new RecordIoDecoder();
    List<byte[]> got = new ArrayList<>();
    for (int i = 0; i < s.length; i++) {
      got.addAll(d.decode(s, i, 1));
      if (i < s.length - 1) {
        assertThat(d.bufferedBytes()).isGreaterThanOrEqualTo(0);
      }
    }
    assertThat(strings(got)).isEqualTo(expected());
  }

  @Test
  void partialRecordIsNotIdle() throws Exception {
    RecordIoDecoder d = new RecordIoDecoder();
    assertThat(d.decode("5\nab".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(d.isIdle()).isFalse();
    assertThat(d.bufferedBytes()).isEqualTo(2);
  }

  @Test
  void rejectsNonDigitLength() {
    RecordIoDecoder d = new RecordIoDecoder();
    assertThatThrownBy(() -> d.decode("1x\nabc".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(RecordIoException.class)
        .hasMessageContaining("record length")
        .hasMessageContaining("0x78");
    // stays failed
    assertThatThrownBy(() -> d.decode("1\na".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(RecordIoException.class);
  }

  @Test
  void rejectsJsonWithoutFraming() {
    assertThatThrownBy(
            () -> new RecordIoDecoder().decode("{\"type\":1}".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(RecordIoException.class);
  }

  @Test
  void rejectsAbsurdSizes() {
    assertThatThrownBy(
            () -> new RecordIoDecoder(100).decode("101\n".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(RecordIoException.class)
        .hasMessageContaining("101 (expected: at most 100)");
    assertThatThrownBy(
            () ->
                new RecordIoDecoder()
                    .decode("99999999999999999999\n".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(RecordIoException.class);
    assertThatThrownBy(
            () ->
                new RecordIoDecoder()
                    .decode("123456789012345678901".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(RecordIoException.class)
        .hasMessageContaining("digits");
    assertThatThrownBy(() -> new RecordIoDecoder(0)).hasMessageContaining("maxRecordBytes");
  }
}
