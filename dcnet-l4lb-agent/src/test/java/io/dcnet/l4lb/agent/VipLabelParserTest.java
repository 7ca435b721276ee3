package io.dcnet.l4lb.agent;

import static io.dcnet.l4lb.agent.Tasks.label;
import static io.dcnet.l4lb.agent.Tasks.port;
import static io.dcnet.l4lb.agent.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.l4lb.model.Protocol;
import io.dcnet.l4lb.model.VipId;
import java.util.List;
import org.junit.jupiter.api.Test;

class VipLabelParserTest {
  private static final Protocol TCP = Protocol.TCP;
  private static final Protocol UDP = Protocol.UDP;

  private static VipLabelParser.Result parse(Tasks.Builder b) {
    return VipLabelParser.parse(b.build(), "marathon");
  }

  @Test
  void namedVipOnAContainerPortDefaultsToTcp() {
    var r = parse(task("app.1").discovery(port(8080, "", label("VIP_0", "/mygroup/myapp:80"))));
    assertThat(r.problems()).isEmpty();
    assertThat(r.ports())
        .containsExactly(
            new TaskPort(TCP, 8080, 0, List.of(new VipId(TCP, "mygroupmyapp.marathon", 80))));
  }

  @Test
  void ipVipsIpv4AndIpv6BareOrBracketed() {
    assertThat(VipLabelParser.parseVip("1.2.3.4:5000", TCP, "m"))
        .isEqualTo(new VipId(TCP, "1.2.3.4", 5000));
    assertThat(VipLabelParser.parseVip("fd01::1:80", UDP, "m"))
        .isEqualTo(new VipId(UDP, "fd01::1", 80));
    assertThat(VipLabelParser.parseVip("[fd01:0::1]:80", TCP, "m"))
        .isEqualTo(new VipId(TCP, "fd01::1", 80));
    assertThat(VipLabelParser.parseVip(" def:80 ", TCP, "marathon"))
        .isEqualTo(new VipId(TCP, "def.marathon", 80));
  }

  @Test
  void everyVipLabelOfEveryPortAndBothProtocols() {
    var r =
        parse(
            task("app.2")
                .discovery(
                    port(
                        9999,
                        "tcp",
                        label("VIP_0", "/abc:80"),
                        label("vip_1", "/cbd:80"),
                        label("VIP", "def:80"),
                        label("Vip_2", "ignored:80"),
                        label("other", "x:1")),
                    port(6416, "tcp,udp", label("VIP_0", "/app:80")),
                    port(53, "UDP", label("VIP_0", "10.1.1.1:53")),
                    port(10002, "tcp")));
    assertThat(r.problems()).isEmpty();
    assertThat(r.ports())
        .containsExactly(
            new TaskPort(TCP, 9999, 0, List.of(new VipId(TCP, "abc.marathon", 80))),
            new TaskPort(TCP, 9999, 0, List.of(new VipId(TCP, "cbd.marathon", 80))),
            new TaskPort(TCP, 9999, 0, List.of(new VipId(TCP, "def.marathon", 80))),
            new TaskPort(TCP, 6416, 0, List.of(new VipId(TCP, "app.marathon", 80))),
            new TaskPort(UDP, 6416, 0, List.of(new VipId(UDP, "app.marathon", 80))),
            new TaskPort(UDP, 53, 0, List.of(new VipId(UDP, "10.1.1.1", 53))));
  }

  @Test
  void networkScopeHostMakesAHostPort() {
    var r =
        parse(
            task("app.3")
                .discovery(
                    port(31000, "tcp", label("network-scope", "host"), label("VIP_0", "/a:80")),
                    port(80, "tcp", label("network-scope", "container"), label("VIP_0", "/b:80"))));
    assertThat(r.ports())
        .containsExactly(
            new TaskPort(TCP, 0, 31000, List.of(new VipId(TCP, "a.marathon", 80))),
            new TaskPort(TCP, 80, 0, List.of(new VipId(TCP, "b.marathon", 80))));
  }

  @Test
  void legacyVipPortLabelsUseThePortResources() {
    var r =
        parse(
            task("app.4")
                .hostPorts(31000, 31001)
                .labels(
                    label("VIP_PORT0", "tcp://1.2.3.4:80"),
                    label("vip_port1", "udp:///dns:53"),
                    label("owner", "me")));
    assertThat(r.problems()).isEmpty();
    assertThat(r.ports())
        .containsExactly(
            new TaskPort(TCP, 0, 31000, List.of(new VipId(TCP, "1.2.3.4", 80))),
            new TaskPort(UDP, 0, 31001, List.of(new VipId(UDP, "dns.marathon", 53))));
  }

  @Test
  void malformedLabelsAreReportedAndNeverBlockTheOthers() {
    var r =
        parse(
            task("bad.1")
                .hostPorts(31000)
                .discovery(
                    port(
                        8080,
                        "tcp",
                        label("VIP_0", "/noport"),
                        label("VIP_1", "/zero:0"),
                        label("VIP_2", "/big:70000"),
                        label("VIP_3", "/name:http"),
                        label("VIP_4", ":80"),
                        label("VIP_5", "[1.2.3.4]:80"),
                        label("VIP_6", "fd01::zz:80"),
                        label("VIP_7", "/..:80"),
                        label("VIP_8", "/good:80")),
                    port(8081, "sctp", label("VIP_0", "/proto:80")),
                    port(0, "tcp", label("VIP_0", "/portzero:80")),
                    port(8082, "tcp", label("network-scope", "pod"), label("VIP_0", "/scope:80")))
                .labels(
                    label("VIP_PORT5", "tcp://1.2.3.4:80"),
                    label("VIP_PORTx", "tcp://1.2.3.4:80"),
                    label("VIP_PORT0", "http://1.2.3.4:80"),
                    label("VIP_PORT0", "tcp://1.2.3.4"),
                    label("VIP_PORT0", "udp://5.6.7.8:53")));
    assertThat(r.ports())
        .containsExactly(
            new TaskPort(TCP, 8080, 0, List.of(new VipId(TCP, "good.marathon", 80))),
            new TaskPort(UDP, 0, 31000, List.of(new VipId(UDP, "5.6.7.8", 53))));
    assertThat(r.problems()).hasSize(15);
    assertThat(r.problems()).allSatisfy(p -> assertThat(p.taskId()).isEqualTo("bad.1"));
    assertThat(r.problems())
        .extracting(VipLabelProblem::label)
        .containsExactly(
            "VIP_0",
            "VIP_1",
            "VIP_2",
            "VIP_3",
            "VIP_4",
            "VIP_5",
            "VIP_6",
            "VIP_7",
            "VIP_0",
            "VIP_0",
            "VIP_0",
            "VIP_PORT5",
            "VIP_PORTx",
            "VIP_PORT0",
            "VIP_PORT0");
    assertThat(r.problems().get(0).message())
        .isEqualTo(
            "task bad.1: label VIP_0=/noport: vip: '/noport' ("
                + VipLabelParser.EXPECTED_VIP
                + ")");
    assertThat(r.problems().get(2).reason()).startsWith("port: 70000 (expected:");
    assertThat(r.problems().get(8).reason())
        .isEqualTo("discovery port protocol: 'sctp' (expected: tcp, udp or tcp,udp)");
    assertThat(r.problems().get(9).reason())
        .isEqualTo("discovery port number: 0 (expected: 1-65535)");
    assertThat(r.problems().get(10).reason())
        .isEqualTo("network-scope: 'pod' (expected: host or container)");
    assertThat(r.problems().get(11).reason())
        .isEqualTo("port index: 5 (expected: below the task's 1 port resources)");
    assertThat(r.problems().get(13).value()).isEqualTo("http://1.2.3.4:80");
    assertThat(r.problems().get(13).reason()).isEqualTo(VipLabelParser.EXPECTED_LEGACY);
  }

  @Test
  void protocolsOfADiscoveryPort() {
    assertThat(VipLabelParser.protocols(null)).containsExactly(TCP);
    assertThat(VipLabelParser.protocols("")).containsExactly(TCP);
    assertThat(VipLabelParser.protocols("udp,TCP")).containsExactly(UDP, TCP);
    assertThat(VipLabelParser.protocols("tcp,tcp")).containsExactly(TCP);
    assertThatThrownBy(() -> VipLabelParser.protocols("tcp,"))
        .hasMessageContaining("expected: tcp, udp or tcp,udp");
  }
}
