package io.dcnet.l4lb.agent;

import static io.dcnet.l4lb.agent.Tasks.agent;
import static io.dcnet.l4lb.agent.Tasks.label;
import static io.dcnet.l4lb.agent.Tasks.port;
import static io.dcnet.l4lb.agent.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.Protocol;
import io.dcnet.l4lb.model.VipId;
import io.dcnet.mesos.model.PortMapping;
import io.dcnet.mesos.v1.AgentState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentBackendsExtractorTest {
  private static final Protocol TCP = Protocol.TCP;
  private static final Protocol UDP = Protocol.UDP;

  private static LocalVipsSnapshot extract(AgentState s, String agentIp) {
    return AgentBackendsExtractor.extract(s, agentIp, true);
  }

  /** dcos-net's test_lashup and test_mesos_portmapping: a VIP on a Mesos port mapping. */
  private static AgentState portMapped() {
    return agent(
        "marathon",
        task("app.6e53a5c1")
            .ips("9.0.1.29")
            .mappings(new PortMapping(12049, 80, "tcp"))
            .discovery(port(80, "tcp", label("VIP_0", "merp:5000")))
            .build());
  }

  @Test
  void lashupCaseHostPortBackendOfAMappedPort() {
    LocalVipsSnapshot s = extract(portMapped(), "10.0.0.243");
    assertThat(s.backends())
        .containsExactly(
            Map.entry(
                new VipId(TCP, "merp.marathon", 5000),
                List.of(new Backend("10.0.0.243", "10.0.0.243", 12049, 1))));
    assertThat(s.problems()).isEmpty();
    assertThat(s.tasks()).isEqualTo(1);
    assertThat(s.runningTasks()).isEqualTo(1);
    assertThat(s.backendCount()).isEqualTo(1);
  }

  @Test
  void mesosPortMappingCaseLocalRewrite() {
    LocalPortMappings m = extract(portMapped(), "10.0.0.243").portMappings();
    assertThat(m.mappings())
        .containsExactly(
            Map.entry(
                new LocalPortMappings.MappedPort(TCP, "10.0.0.243", 12049),
                new LocalPortMappings.Target("9.0.1.29", 80)));
    Backend published = new Backend("10.0.0.243", "10.0.0.243", 12049, 1);
    assertThat(m.apply(TCP, published)).isEqualTo(new Backend("10.0.0.243", "9.0.1.29", 80, 1));
    assertThat(m.apply(UDP, published)).isEqualTo(published);
    Backend other = new Backend("10.0.0.7", "10.0.0.7", 12049, 1);
    assertThat(m.apply(TCP, other)).isEqualTo(other);
  }

  @Test
  void bridgeMappingWithoutProtocolJoinsTheContainerPortAsTcp() {
    AgentState s =
        agent(
            "marathon",
            task("ucr-on-bridge.1")
                .ips("172.31.254.3")
                .mappings(new PortMapping(15263, 8080, ""))
                .discovery(port(8080, "tcp", label("VIP_0", "/web:80")))
                .build());
    assertThat(extract(s, "172.17.0.3").backends())
        .containsEntry(
            new VipId(TCP, "web.marathon", 80),
            List.of(new Backend("172.17.0.3", "172.17.0.3", 15263, 1)));
  }

  @Test
  void appRestartBackendsFollowTheTasks() {
    var v = new VipId(TCP, "app.marathon", 80);
    Tasks.Builder first =
        task("app.a").ips("9.0.0.1").discovery(port(80, "tcp", label("VIP_0", "/app:80")));
    Tasks.Builder second =
        task("app.b").ips("9.0.0.2").discovery(port(80, "tcp", label("VIP_0", "/app:80")));
    assertThat(extract(agent("marathon", first.build()), "10.0.0.1").backends().get(v))
        .containsExactly(new Backend("10.0.0.1", "9.0.0.1", 80, 1));
    LocalVipsSnapshot both =
        extract(agent("marathon", first.state("TASK_KILLING").build(), second.build()), "10.0.0.1");
    assertThat(both.backends().get(v))
        .containsExactly(
            new Backend("10.0.0.1", "9.0.0.1", 80, 0), new Backend("10.0.0.1", "9.0.0.2", 80, 1));
    assertThat(extract(agent("marathon", second.build()), "10.0.0.1").backends().get(v))
        .containsExactly(new Backend("10.0.0.1", "9.0.0.2", 80, 1));
    LocalVipsSnapshot none = extract(agent("marathon"), "10.0.0.1");
    assertThat(none.backends()).isEmpty();
    assertThat(none.tasks()).isZero();
  }

  @Test
  void killingAndUnhealthyTasksHaveWeightZero() {
    AgentState s =
        agent(
            "marathon",
            task("ok")
                .ips("9.0.0.1")
                .healthy(true)
                .discovery(port(80, "", label("VIP_0", "/a:80")))
                .build(),
            task("sick")
                .ips("9.0.0.2")
                .healthy(false)
                .discovery(port(80, "", label("VIP_0", "/a:80")))
                .build(),
            task("dying")
                .ips("9.0.0.3")
                .state("TASK_KILLING")
                .discovery(port(80, "", label("VIP_0", "/a:80")))
                .build(),
            task("starting")
                .ips("9.0.0.4")
                .state("TASK_STARTING")
                .discovery(port(80, "", label("VIP_0", "/a:80")))
                .build());
    LocalVipsSnapshot snap = extract(s, "10.0.0.1");
    assertThat(snap.backends().get(new VipId(TCP, "a.marathon", 80)))
        .containsExactly(
            new Backend("10.0.0.1", "9.0.0.1", 80, 1),
            new Backend("10.0.0.1", "9.0.0.2", 80, 0),
            new Backend("10.0.0.1", "9.0.0.3", 80, 0));
    assertThat(snap.tasks()).isEqualTo(4);
    assertThat(snap.runningTasks()).isEqualTo(2);
  }

  @Test
  void ipv6FamiliesFollowTheVip() {
    AgentState s =
        agent(
            "marathon",
            task("dual")
                .ips("9.0.0.5", "fd01:b::2:8000:0:2")
                .discovery(
                    port(
                        8080,
                        "tcp",
                        label("VIP_0", "/named:80"),
                        label("VIP_1", "[fd01::1]:80"),
                        label("VIP_2", "11.1.1.1:80")))
                .build());
    LocalVipsSnapshot on = AgentBackendsExtractor.extract(s, "10.0.0.1", true);
    assertThat(on.backends().get(new VipId(TCP, "named.marathon", 80)))
        .containsExactly(
            new Backend("10.0.0.1", "9.0.0.5", 8080, 1),
            new Backend("10.0.0.1", "fd01:b::2:8000:0:2", 8080, 1));
    assertThat(on.backends().get(new VipId(TCP, "fd01::1", 80)))
        .containsExactly(new Backend("10.0.0.1", "fd01:b::2:8000:0:2", 8080, 1));
    assertThat(on.backends().get(new VipId(TCP, "11.1.1.1", 80)))
        .containsExactly(new Backend("10.0.0.1", "9.0.0.5", 8080, 1));
    LocalVipsSnapshot off = AgentBackendsExtractor.extract(s, "10.0.0.1", false);
    assertThat(off.backends().get(new VipId(TCP, "named.marathon", 80)))
        .containsExactly(new Backend("10.0.0.1", "9.0.0.5", 8080, 1));
    assertThat(off.backends().get(new VipId(TCP, "fd01::1", 80)))
        .containsExactly(new Backend("10.0.0.1", "fd01:b::2:8000:0:2", 8080, 1));
  }

  @Test
  void bothProtocolsHostPortsLegacyLabelsAndHostNetworking() {
    AgentState s =
        agent(
            "marathon",
            task("app.tu")
                .ips("172.17.0.3")
                .discovery(port(6416, "tcp,udp", label("VIP_0", "/app:80")))
                .build(),
            task("app.host")
                .hostPorts(31000, 31001)
                .discovery(
                    port(31000, "tcp", label("network-scope", "host"), label("VIP_0", "/h:80")))
                .labels(label("VIP_PORT1", "udp://10.10.10.10:53"))
                .build());
    LocalVipsSnapshot snap = extract(s, "172.17.0.3");
    assertThat(snap.backends())
        .containsOnly(
            Map.entry(
                new VipId(TCP, "app.marathon", 80),
                List.of(new Backend("172.17.0.3", "172.17.0.3", 6416, 1))),
            Map.entry(
                new VipId(UDP, "app.marathon", 80),
                List.of(new Backend("172.17.0.3", "172.17.0.3", 6416, 1))),
            Map.entry(
                new VipId(TCP, "h.marathon", 80),
                List.of(new Backend("172.17.0.3", "172.17.0.3", 31000, 1))),
            Map.entry(
                new VipId(UDP, "10.10.10.10", 53),
                List.of(new Backend("172.17.0.3", "172.17.0.3", 31001, 1))));
    assertThat(snap.portMappings().mappings()).isEmpty();
  }

  @Test
  void malformedLabelsAreCollectedWhileGoodOnesWork() {
    AgentState s =
        agent(
            "marathon",
            task("t1")
                .ips("9.0.0.1")
                .discovery(port(80, "tcp", label("VIP_0", "/ok:80"), label("VIP_1", "/bad")))
                .build());
    LocalVipsSnapshot snap = extract(s, "10.0.0.1");
    assertThat(snap.backends()).containsOnlyKeys(new VipId(TCP, "ok.marathon", 80));
    assertThat(snap.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("task t1: label VIP_1=/bad: vip:"));
  }
}
