package io.dcnet.discovery;

import static io.dcnet.discovery.Fixtures.a;
import static io.dcnet.discovery.Fixtures.aaaa;
import static io.dcnet.discovery.Fixtures.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.core.net.HostResolver;
import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Task;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskRecordsTest {
  private final TaskRecords records = new TaskRecords(HostResolver.literalsOnly());

  private DnsZone build(String fixture) {
    return records.build(Fixtures.load(fixture), Fixtures.LEADER, Fixtures.MASTERS);
  }

  @Test
  void hostNetworkTasksOfEveryContainerizerResolveToTheAgent() {
    DnsZone z = build("hello-world.json");
    assertThat(z.name()).isEqualTo("dcos.thisdcos.directory");
    for (String kind : List.of("agentip", "containerip", "autoip")) {
      assertThat(get(z, "hello-none-mygroup.marathon", kind)).isEqualTo(a("10.0.0.11"));
      assertThat(get(z, "hello-ucr.marathon", kind)).isEqualTo(a("10.0.0.12"));
      // discovery.name "Hello_Docker" wins over the task name and is sanitized
      assertThat(get(z, "hello-docker.marathon", kind)).isEqualTo(a("10.0.0.11"));
    }
    assertThat(z.records().get("master.dcos.thisdcos.directory"))
        .isEqualTo(a("10.0.0.1", "10.0.0.2", "10.0.0.3"));
    assertThat(z.records().get("leader.dcos.thisdcos.directory")).isEqualTo(a("10.0.0.1"));
  }

  @Test
  void aTaskWithoutIpsHasNoContaineripAndAutoipIsTheAgent() {
    DnsZone z = build("hello-world.json");
    assertThat(get(z, "hello-noip.marathon", "agentip")).isEqualTo(a("10.0.0.12"));
    assertThat(get(z, "hello-noip.marathon", "containerip")).isNull();
    assertThat(get(z, "hello-noip.marathon", "autoip")).isEqualTo(a("10.0.0.12"));
    assertThat(z.records()).hasSize(4 * 3 - 1 + 2);
  }

  @Test
  void bridgeTasksWithPortMappingsAutoipToTheAgent() {
    DnsZone z = build("docker-bridge.json");
    assertThat(get(z, "nginx-docker-bridge.marathon", "agentip")).isEqualTo(a("10.0.0.11"));
    assertThat(get(z, "nginx-docker-bridge.marathon", "containerip")).isEqualTo(a("172.17.0.2"));
    assertThat(get(z, "nginx-docker-bridge.marathon", "autoip")).isEqualTo(a("10.0.0.11"));
    assertThat(get(z, "nginx-ucr-bridge.marathon", "containerip")).isEqualTo(a("172.31.254.2"));
    assertThat(get(z, "nginx-ucr-bridge.marathon", "autoip")).isEqualTo(a("10.0.0.11"));
  }

  @Test
  void userNetworkTasksAutoipToTheContainerUnlessAPortIsMapped() {
    DnsZone z = build("ucr-user-network.json");
    assertThat(get(z, "app-ucr-overlay.marathon", "containerip")).isEqualTo(a("9.0.1.2"));
    assertThat(get(z, "app-ucr-overlay.marathon", "autoip")).isEqualTo(a("9.0.1.2"));
    assertThat(get(z, "app-ucr-overlay.marathon", "agentip")).isEqualTo(a("10.0.0.11"));
    // the newest status with an address wins, whatever its position in the array
    assertThat(get(z, "app-docker-overlay.marathon", "autoip")).isEqualTo(a("9.0.2.3"));
    assertThat(get(z, "app-ucr-overlay-mapped.marathon", "containerip")).isEqualTo(a("9.0.1.3"));
    assertThat(get(z, "app-ucr-overlay-mapped.marathon", "autoip")).isEqualTo(a("10.0.0.11"));
  }

  @Test
  void dockerIpv6GivesAaaaRecordsInCanonicalForm() {
    DnsZone z = build("ipv6.json");
    assertThat(get(z, "app-docker-ipv6.marathon", "containerip"))
        .containsExactly(aaaa("fd01:b::2:8000:0:2"));
    assertThat(get(z, "app-docker-ipv6.marathon", "autoip"))
        .containsExactly(aaaa("fd01:b::2:8000:0:2"));
    assertThat(get(z, "app-docker-ipv6.marathon", "agentip")).isEqualTo(a("10.0.0.11"));
    assertThat(get(z, "app-docker-dual.marathon", "containerip"))
        .containsExactly(new ZoneRecord.A("172.18.0.2"), aaaa("fd01:b::2:8000:0:3"));
  }

  @Test
  void podTasksUseDiscoveryNamesAndShareRecordsAcrossInstances() {
    DnsZone z = build("pod-tasks.json");
    assertThat(get(z, "web.marathon", "containerip")).isEqualTo(a("9.0.1.10", "9.0.3.20"));
    assertThat(get(z, "web.marathon", "agentip")).isEqualTo(a("10.0.0.11", "10.0.0.12"));
    assertThat(get(z, "sidecar.marathon", "autoip")).isEqualTo(a("9.0.1.10"));
    assertThat(z.records().keySet()).noneMatch(n -> n.startsWith("pod-web-container"));
  }

  @Test
  void onlyRunningTasksOnKnownAgentsAndFrameworksGetRecords() {
    DnsZone z = build("unhealthy.json");
    assertThat(get(z, "app-unhealthy.marathon", "autoip")).isEqualTo(a("9.0.1.50"));
    assertThat(z.records().keySet())
        .containsExactlyInAnyOrder(
            Fixtures.name("app-unhealthy.marathon", "agentip"),
            Fixtures.name("app-unhealthy.marathon", "containerip"),
            Fixtures.name("app-unhealthy.marathon", "autoip"),
            "master.dcos.thisdcos.directory",
            "leader.dcos.thisdcos.directory");
  }

  @Test
  void snapshotAndStateGiveTheSameZone() {
    MasterState s = Fixtures.load("pod-tasks.json");
    assertThat(records.build(Fixtures.snapshot(s, Fixtures.LEADER), Fixtures.MASTERS))
        .isEqualTo(records.build(s, Fixtures.LEADER, Fixtures.MASTERS));
  }

  @Test
  void agentHostNamesGoThroughTheResolver() throws UnknownHostException {
    InetAddress resolved = InetAddress.getByAddress("agent3.example", new byte[] {10, 0, 0, 33});
    HostResolver fake = h -> h.equals("agent3.example") ? List.of(resolved) : List.of();
    Agent agent = new Agent("agent-3", "agent3.example", "slave(1)@agent3.example:5051");
    assertThat(new TaskRecords(fake).agentIps(agent)).containsExactly(resolved);
    assertThat(records.agentIps(agent)).isEmpty();

    Task task = Fixtures.tasks(Fixtures.load("ucr-user-network.json")).get(0);
    List<ZoneEntry> unresolved = records.forTask(task, List.of(), "marathon");
    assertThat(unresolved)
        .extracting(ZoneEntry::name)
        .containsExactly(
            Fixtures.name("app-ucr-overlay.marathon", "containerip"),
            Fixtures.name("app-ucr-overlay.marathon", "autoip"));
  }

  @Test
  void namesThatSanitizeToNothingGiveNoRecords() {
    Task task = Fixtures.tasks(Fixtures.load("ucr-user-network.json")).get(0);
    assertThat(records.forTask(task, List.of(), "--")).isEmpty();
    assertThat(records.forLeader("")).isEmpty();
  }
}
