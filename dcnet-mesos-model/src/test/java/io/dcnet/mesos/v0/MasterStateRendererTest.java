package io.dcnet.mesos.v0;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.v1.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasterStateRendererTest {

  @Test
  void renderThenParseIsIdentity() throws Exception {
    MasterState base = Samples.state();
    MasterState s =
        new MasterState(
            "master@[2001:db8::1]:5050",
            base.agents(),
            List.of(
                new Framework(
                    "f-0000",
                    "marathon",
                    "10.0.0.11",
                    "scheduler(1)@10.0.0.11:45000",
                    true,
                    base.frameworks().get(0).tasks()),
                base.frameworks().get(1)));
    byte[] json = MasterStateRenderer.render(s);
    assertThat(MasterStateParser.parse(json)).isEqualTo(s);
    assertThat(new String(json, StandardCharsets.UTF_8))
        .contains("\"ports\":\"[31000-31001, 31005-31005, 31002-31002]\"")
        .contains("\"labels\":[{\"key\":\"owner\"");
  }

  @Test
  void emptyLeaderAndPidsAreOmitted() throws Exception {
    MasterState s = new MasterState("", Samples.state().agents(), List.of());
    String json = new String(MasterStateRenderer.render(s), StandardCharsets.UTF_8);
    assertThat(json).doesNotContain("\"leader\"");
    assertThat(MasterStateParser.parse(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(s);
  }

  @Test
  void upstreamFixtureSurvivesRenderAndParse() throws Exception {
    Path p = MasterStateParserTest.FIXTURE;
    if (!p.toFile().exists()) {
      p = Path.of("../shared/fixtures/mesos-dns/fake.json");
    }
    MasterState s = MasterStateParser.parse(Files.readAllBytes(p));
    assertThat(MasterStateParser.parse(MasterStateRenderer.render(s))).isEqualTo(s);
  }

  @Test
  void formatCompressesConsecutiveRuns() {
    assertThat(PortRanges.format(List.of())).isEqualTo("[]");
    assertThat(PortRanges.format(List.of(1, 2, 3, 7, 9, 10))).isEqualTo("[1-3, 7-7, 9-10]");
    assertThat(PortRanges.expand(PortRanges.format(List.of(5, 4, 4)))).containsExactly(5, 4, 4);
  }
}
