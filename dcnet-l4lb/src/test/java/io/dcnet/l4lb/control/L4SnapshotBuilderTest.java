package io.dcnet.l4lb.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.AgentVips;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.NamedVipAddress;
import io.dcnet.l4lb.model.Protocol;
import io.dcnet.l4lb.model.VipBackends;
import io.dcnet.l4lb.model.VipId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class L4SnapshotBuilderTest {
  private static final VipId WEB = VipId.parse("tcp://11.1.1.1:80");
  private static final VipId NAMED = VipId.parse("tcp://myapp.marathon:8080");

  static OwnedAgentVips agent(String node, String agentIp, VipId vip, Backend... backends) {
    return new OwnedAgentVips(
        node, new AgentVips(agentIp, List.of(new VipBackends(vip, List.of(backends)))));
  }

  static Backend b(String agentIp, String ip, int port, int weight) {
    return new Backend(agentIp, ip, port, weight);
  }

  static ServiceKey key(String vip) {
    VipId v = VipId.parse(vip);
    return new ServiceKey(v.protocol(), v.address().orElseThrow(), v.port());
  }

  static Destination d(String ip, int port, int weight) {
    return new Destination(IpLiterals.parse(ip).orElseThrow(), port, weight);
  }

  @Test
  void mergesBackendsOfAVipOverAllAgents() {
    L4Build out =
        L4SnapshotBuilder.build(
            L4BuildInput.of(
                List.of(
                    agent("a1", "10.0.0.1", WEB, b("10.0.0.1", "10.0.0.1", 31000, 1)),
                    agent("a2", "10.0.0.2", WEB, b("10.0.0.2", "172.17.0.5", 80, 1))),
                Map.of(),
                Set.of(),
                true));
    assertThat(out.snapshot().services())
        .containsOnlyKeys(key("tcp://11.1.1.1:80"))
        .containsEntry(
            key("tcp://11.1.1.1:80"), List.of(d("10.0.0.1", 31000, 1), d("172.17.0.5", 80, 1)));
    assertThat(out.vips()).containsOnlyKeys(WEB);
    assertThat(out.stats()).isEqualTo(new L4Stats(1, 2, 0, 0, 0, 0, 0));
  }

  @Test
  void leavesOutBackendsOnUnreachableAgents() {
    L4Build out =
        L4SnapshotBuilder.build(
            L4BuildInput.of(
                List.of(
                    agent("a1", "10.0.0.1", WEB, b("10.0.0.1", "10.0.0.1", 31000, 1)),
                    agent("a2", "10.0.0.2", WEB, b("10.0.0.2", "10.0.0.2", 31000, 1))),
                Map.of(),
                Set.of("10.0.0.2"),
                true));
    assertThat(out.snapshot().services().get(key("tcp://11.1.1.1:80")))
        .containsExactly(d("10.0.0.1", 31000, 1));
    assertThat(out.stats().unreachableBackends()).isEqualTo(1);
    assertThat(out.stats().unreachableNodes()).isEqualTo(1);
    assertThat(out.stats().unreachableVips()).isZero();
    assertThat(out.vips().get(WEB)).as("the API view keeps every backend").hasSize(2);
  }

  @Test
  void keepsAllBackendsWhenEveryOneIsUnreachable() {
    L4Build out =
        L4SnapshotBuilder.build(
            L4BuildInput.of(
                List.of(
                    agent("a1", "10.0.0.1", WEB, b("10.0.0.1", "10.0.0.1", 31000, 1)),
                    agent("a2", "10.0.0.2", WEB, b("10.0.0.2", "10.0.0.2", 31000, 0))),
                Map.of(),
                Set.of("10.0.0.1", "10.0.0.2"),
                true));
    assertThat(out.snapshot().services().get(key("tcp://11.1.1.1:80")))
        .containsExactly(d("10.0.0.1", 31000, 1), d("10.0.0.2", 31000, 0));
    assertThat(out.stats())
        .extracting(
            L4Stats::unreachableBackends, L4Stats::unreachableVips, L4Stats::unreachableNodes)
        .containsExactly(2, 1, 2);
  }

  @Test
  void weightZeroStaysZeroAndLargeWeightsAreCapped() {
    L4Build out =
        L4SnapshotBuilder.build(
            L4BuildInput.of(
                List.of(
                    agent(
                        "a1",
                        "10.0.0.1",
                        WEB,
                        b("10.0.0.1", "10.0.0.1", 1, 0),
                        b("10.0.0.1", "10.0.0.1", 2, 5000))),
                Map.of(),
                Set.of(),
                true));
    assertThat(out.snapshot().services().get(key("tcp://11.1.1.1:80")))
        .containsExactly(d("10.0.0.1", 1, 0), d("10.0.0.1", 2, Destination.MAX_WEIGHT));
  }

  @Test
  void ipVipsGetOnlyBackendsOfTheirFamily() {
    VipId v6 = VipId.parse("udp://[fd01:c::7]:53");
    L4Build out =
        L4SnapshotBuilder.build(
            L4BuildInput.of(
                List.of(
                    agent(
                        "a1",
                        "10.0.0.1",
                        WEB,
                        b("10.0.0.1", "10.0.0.1", 31000, 1),
                        b("10.0.0.1", "fd00::5", 80, 1)),
                    agent("a2", "10.0.0.2", v6, b("10.0.0.2", "fd00::6", 53, 1))),
                Map.of(),
                Set.of(),
                true));
    assertThat(out.snapshot().services().get(key("tcp://11.1.1.1:80")))
        .containsExactly(d("10.0.0.1", 31000, 1));
    assertThat(out.snapshot().services().get(key("udp://[fd01:c::7]:53")))
        .containsExactly(d("fd00::6", 53, 1));
    assertThat(out.stats().skippedBackends()).isEqualTo(1);
  }

  @Test
  void ipv6VipsAreSkippedWhenIpv6IsDisabled() {
    VipId v6 = VipId.parse("tcp://[fd01:c::7]:80");
    L4Build out =
        L4SnapshotBuilder.build(
            L4BuildInput.of(
                List.of(agent("a1", "10.0.0.1", v6, b("10.0.0.1", "fd00::6", 80, 1))),
                Map.of(),
                Set.of(),
                false));
    assertThat(out.snapshot().services()).isEmpty();
    assertThat(out.stats().skippedVips()).isEqualTo(1);
  }

  @Test
  void namedVipsMapToTheirAddressesPerFamily() {
    L4Build out =
        L4SnapshotBuilder.build(
            L4BuildInput.of(
                List.of(
                    agent(
                        "a1",
                        "10.0.0.1",
                        NAMED,
                        b("10.0.0.1", "10.0.0.1", 31000, 1),
                        b("10.0.0.1", "fd00::5", 8080, 1))),
                Map.of(
                    "myapp.marathon",
                    new NamedVipAddress("myapp.marathon", "11.0.0.37", "fd01:c::9")),
                Set.of(),
                true));
    assertThat(out.snapshot().services())
        .containsOnlyKeys(key("tcp://11.0.0.37:8080"), key("tcp://[fd01:c::9]:8080"));
    assertThat(out.snapshot().services().get(key("tcp://11.0.0.37:8080")))
        .containsExactly(d("10.0.0.1", 31000, 1));
    assertThat(out.snapshot().services().get(key("tcp://[fd01:c::9]:8080")))
        .containsExactly(d("fd00::5", 8080, 1));
    assertThat(out.stats().vips()).isEqualTo(2);
    assertThat(out.stats().skippedBackends()).isZero();
  }

  @Test
  void namedVipUsesOnlyIpv4WhenIpv6IsDisabledOrNotAllocated() {
    List<OwnedAgentVips> agents =
        List.of(
            agent(
                "a1",
                "10.0.0.1",
                NAMED,
                b("10.0.0.1", "10.0.0.1", 31000, 1),
                b("10.0.0.1", "fd00::5", 8080, 1)));
    L4Build disabled =
        L4SnapshotBuilder.build(
            L4BuildInput.of(
                agents,
                Map.of(
                    "myapp.marathon",
                    new NamedVipAddress("myapp.marathon", "11.0.0.37", "fd01:c::9")),
                Set.of(),
                false));
    L4Build notAllocated =
        L4SnapshotBuilder.build(
            L4BuildInput.of(
                agents,
                Map.of("myapp.marathon", new NamedVipAddress("myapp.marathon", "11.0.0.37", null)),
                Set.of(),
                true));
    for (L4Build out : List.of(disabled, notAllocated)) {
      assertThat(out.snapshot().services()).containsOnlyKeys(key("tcp://11.0.0.37:8080"));
      assertThat(out.stats().skippedBackends()).isEqualTo(1);
    }
  }

  @Test
  void namedVipWithoutAddressIsSkippedAndCounted() {
    L4Build out =
        L4SnapshotBuilder.build(
            L4BuildInput.of(
                List.of(
                    agent("a1", "10.0.0.1", NAMED, b("10.0.0.1", "10.0.0.1", 31000, 1)),
                    agent("a1", "10.0.0.1", WEB, b("10.0.0.1", "10.0.0.1", 31001, 1))),
                Map.of("other.marathon", new NamedVipAddress("other.marathon", "11.0.0.2", null)),
                Set.of(),
                true));
    assertThat(out.snapshot().services()).containsOnlyKeys(key("tcp://11.1.1.1:80"));
    assertThat(out.stats().skippedVips()).isEqualTo(1);
    assertThat(out.vips()).containsOnlyKeys(NAMED, WEB);
  }

  @Test
  void localRewriteAppliesOnlyToThisAgentsBackends() {
    L4Build out =
        L4SnapshotBuilder.build(
            new L4BuildInput(
                List.of(
                    agent("a1", "10.0.0.1", WEB, b("10.0.0.1", "10.0.0.1", 31000, 1)),
                    agent("a2", "10.0.0.2", WEB, b("10.0.0.2", "10.0.0.2", 31000, 1))),
                Map.of(),
                Set.of(),
                true,
                "10.0.0.1",
                dst -> d("172.17.0.9", 80, dst.weight())));
    assertThat(out.snapshot().services().get(key("tcp://11.1.1.1:80")))
        .containsExactly(d("10.0.0.2", 31000, 1), d("172.17.0.9", 80, 1));
  }

  @Test
  void udpAndTcpOfTheSameAddressAreSeparateServices() {
    VipId udp = new VipId(Protocol.UDP, "11.1.1.1", 80);
    L4Build out =
        L4SnapshotBuilder.build(
            L4BuildInput.of(
                List.of(
                    agent("a1", "10.0.0.1", WEB, b("10.0.0.1", "10.0.0.1", 31000, 1)),
                    agent("a1", "10.0.0.1", udp, b("10.0.0.1", "10.0.0.1", 31001, 1))),
                Map.of(),
                Set.of(),
                true));
    assertThat(out.snapshot().services())
        .containsOnlyKeys(key("tcp://11.1.1.1:80"), key("udp://11.1.1.1:80"));
  }
}
