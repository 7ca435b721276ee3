package io.dcnet.mesos.v0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MasterStateParserTest {
  static final Path FIXTURE = Path.of("../../shared/fixtures/mesos-dns/fake.json");

  static MasterState parse(String json) throws MesosStateException {
    return MasterStateParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parsesUpstreamFixture() throws Exception {
    Path p =
        FIXTURE.toFile().exists() ? FIXTURE : Path.of("../shared/fixtures/mesos-dns/fake.json");
    MasterState s = MasterStateParser.parse(Files.readAllBytes(p));
    assertThat(s.leader()).startsWith("master@");
    assertThat(s.agents()).isNotEmpty();
    assertThat(s.frameworks()).isNotEmpty();
    assertThat(s.frameworks().stream().flatMap(f -> f.tasks().stream()).map(Task::state))
        .contains(Task.RUNNING);
  }

  @Test
  void keysMatchCaseInsensitively() throws Exception {
    MasterState s =
        parse(
            "{\"LEADER\":\"master@10.0.0.1:5050\",\"Slaves\":[{\"ID\":\"a-S0\",\"pid\":\"slave(1)@10.0.0.2:5051\"}]}");
    assertThat(s.leader()).isEqualTo("master@10.0.0.1:5050");
    assertThat(s.agents()).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo("a-S0"));
  }

  @Test
  void expandsPortRangesAndSkipsBadPieces() {
    assertThat(PortRanges.expand("[31000-31001, 31005-31005]"))
        .containsExactly(31000, 31001, 31005);
    assertThat(PortRanges.expand("[]")).isEmpty();
    assertThat(PortRanges.expand("")).isEmpty();
    assertThat(PortRanges.expand("[x-1, 5-3, 7-7, 70000-70001]")).containsExactly(7);
  }

  @Test
  void picksNewestRunningStatusByTimestamp() throws Exception {
    MasterState s =
        parse(
            """
            {"leader":"master@10.0.0.1:5050","frameworks":[{"id":"f","name":"m","tasks":[{
              "id":"t","name":"t","slave_id":"a-S0","state":"TASK_RUNNING",
              "statuses":[
               {"state":"TASK_RUNNING","timestamp":5,"container_status":{"network_infos":[{"ip_addresses":[{"ip_address":"9.0.0.5"}]}]}},
               {"state":"TASK_RUNNING","timestamp":3,"container_status":{"network_infos":[{"ip_address":"9.0.0.3"}]}},
               {"state":"TASK_STARTING","timestamp":9}]}]}]}
            """);
    Task t = s.frameworks().get(0).tasks().get(0);
    assertThat(t.latestRunningStatus().orElseThrow().networkInfos().get(0).effectiveAddresses())
        .containsExactly("9.0.0.5");
  }

  @Test
  void rejectsBadPidsAndWrongTypesNamingThePath() {
    assertThatThrownBy(() -> parse("{\"slaves\":[{\"id\":\"a\",\"pid\":\"nonsense\"}]}"))
        .isInstanceOf(MesosStateException.class)
        .hasMessageContaining("slaves[0].pid");
    assertThatThrownBy(() -> parse("{\"frameworks\":{}}"))
        .hasMessageContaining("frameworks: expected an array");
    assertThatThrownBy(() -> parse("{\"frameworks\":[{\"id\":\"f\",\"tasks\":[{\"id\":5}]}]}"))
        .hasMessageContaining("frameworks[0].tasks[0].id");
    assertThatThrownBy(() -> parse("{\"leader\":")).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> parse("[]")).hasMessageContaining("top level");
  }
}
