package io.dcnet.mesosdns.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.dns.records.RecordSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The expectations of upstream's TestInsertState (records/generator_test.go), carried over as
 * facts: the fixture under RFC952 with several IPSources settings. An empty list means "no record".
 */
class UpstreamFactsTest {
  private static RecordSet gen(String sources) throws Exception {
    return RecordGenerator.generate(
            FixtureGoldenTest.fixture(),
            FixtureGoldenTest.MASTERS,
            FixtureGoldenTest.config(sources, true),
            FixtureGoldenTest.RESOLVER,
            List.of())
        .records();
  }

  private static void check(Map<String, List<String>> map, String name, String... want) {
    assertThat(map.getOrDefault(name, List.of())).as(name).containsExactlyInAnyOrder(want);
  }

  @Test
  void allSources() throws Exception {
    RecordSet rg = gen("netinfo docker mesos host");
    check(rg.a(), "big-dog.marathon.mesos.", "10.3.0.1");
    check(rg.a(), "liquor-store.marathon.mesos.", "10.3.0.1", "10.3.0.2");
    check(rg.a(), "liquor-store.marathon.slave.mesos.", "1.2.3.11", "1.2.3.12");
    check(rg.a(), "car-store.marathon.slave.mesos.", "1.2.3.11");
    check(rg.a(), "nginx.marathon.mesos.", "10.3.0.3");
    check(rg.a(), "poseidon.marathon.mesos.");
    check(rg.a(), "poseidon.marathon.slave.mesos.");
    check(rg.a(), "master.mesos.", "144.76.157.37");
    check(rg.a(), "master0.mesos.", "144.76.157.37");
    check(rg.a(), "leader.mesos.", "144.76.157.37");
    check(rg.a(), "slave.mesos.", "1.2.3.10", "1.2.3.11", "1.2.3.12");
    check(rg.a(), "some-box.chronoswithaspaceandmixe.mesos.", "1.2.3.11");
    check(rg.a(), "marathon.mesos.", "1.2.3.11");
    check(rg.aaaa(), "toy-store.ipv6-framework.mesos.", "fd01:b::1:8000:2");
    check(rg.aaaa(), "toy-store.ipv6-framework.slave.mesos.", "2001:db8::1");
    check(rg.aaaa(), "ipv6-framework.mesos.", "2001:db8::1");
    check(rg.aaaa(), "slave.mesos.", "2001:db8::1");
    check(
        rg.srv(),
        "_big-dog._tcp.marathon.mesos.",
        "big-dog-4dfjd-0.marathon.mesos.:80",
        "big-dog-4dfjd-0.marathon.mesos.:443");
    check(rg.srv(), "_poseidon._tcp.marathon.mesos.");
    check(rg.srv(), "_leader._tcp.mesos.", "leader.mesos.:5050");
    check(
        rg.srv(),
        "_liquor-store._tcp.marathon.mesos.",
        "liquor-store-4dfjd-0.marathon.mesos.:80",
        "liquor-store-4dfjd-0.marathon.mesos.:443",
        "liquor-store-zasmd-1.marathon.mesos.:80",
        "liquor-store-zasmd-1.marathon.mesos.:443");
    check(rg.srv(), "_liquor-store._udp.marathon.mesos.");
    check(rg.srv(), "_liquor-store.marathon.mesos.");
    check(
        rg.srv(),
        "_https._liquor-store._tcp.marathon.mesos.",
        "liquor-store-4dfjd-0.marathon.mesos.:443",
        "liquor-store-zasmd-1.marathon.mesos.:443");
    check(
        rg.srv(),
        "_http._liquor-store._tcp.marathon.mesos.",
        "liquor-store-4dfjd-0.marathon.mesos.:80",
        "liquor-store-zasmd-1.marathon.mesos.:80");
    for (String proto : List.of("_tcp", "_udp")) {
      check(
          rg.srv(),
          "_car-store." + proto + ".marathon.mesos.",
          "car-store-zinaz-0.marathon.slave.mesos.:31364",
          "car-store-zinaz-0.marathon.slave.mesos.:31365");
    }
    check(rg.srv(), "_slave._tcp.mesos.", "slave.mesos.:5051");
    check(rg.srv(), "_framework._tcp.marathon.mesos.", "marathon.mesos.:25501");
  }

  @Test
  void singleSourceSettings() throws Exception {
    RecordSet host = gen("host");
    check(host.a(), "liquor-store.marathon.mesos.", "1.2.3.11", "1.2.3.12");
    check(host.a(), "nginx.marathon.mesos.", "1.2.3.11");
    check(host.aaaa(), "toy-store.ipv6-framework.mesos.", "2001:db8::1");
    RecordSet mesos = gen("mesos host");
    check(mesos.a(), "liquor-store.marathon.mesos.", "1.2.3.11", "1.2.3.12");
    check(mesos.a(), "nginx.marathon.mesos.", "10.3.0.3");
    check(mesos.aaaa(), "toy-store.ipv6-framework.slave.mesos.", "2001:db8::1");
    RecordSet netinfo = gen("netinfo");
    check(netinfo.a(), "toy-store.ipv6-framework.mesos.", "12.0.1.3", "12.0.1.2");
    check(netinfo.aaaa(), "toy-store.ipv6-framework.mesos.", "fd01:b::1:8000:2");
    check(netinfo.aaaa(), "toy-store.ipv6-framework.slave.mesos.", "2001:db8::1");
    RecordSet docker = gen("docker host");
    check(docker.a(), "liquor-store.marathon.mesos.", "10.3.0.1", "10.3.0.2");
    check(docker.a(), "nginx.marathon.mesos.", "1.2.3.11");
    check(docker.a(), "car-store.marathon.slave.mesos.", "1.2.3.11");
    check(docker.aaaa(), "toy-store.ipv6-framework.mesos.", "2001:db8::1");
  }
}
