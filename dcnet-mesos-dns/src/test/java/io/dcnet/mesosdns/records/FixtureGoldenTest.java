package io.dcnet.mesosdns.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.net.HostResolver;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.v0.MasterStateParser;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import io.dcnet.mesosdns.config.MesosDnsConfigLoader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden tests: the upstream fixture through the generator, for each IPSources setting and label
 * rule, set up as upstream's generator_test.go does (leader master@144.76.157.37:5050, masters
 * [144.76.157.37:5050], nameserver mesos-dns.mesos. on listener 127.0.0.1). The generated set must
 * equal the golden file exactly.
 *
 * <p>To regenerate after a deliberate change: {@code -Ddcnet.golden.update=true}, then review the
 * diff by hand.
 */
class FixtureGoldenTest {
  static final Path FIXTURE = Path.of("../../shared/fixtures/mesos-dns/fake.json");
  static final String LEADER = "master@144.76.157.37:5050";
  static final List<String> MASTERS = List.of("144.76.157.37:5050");

  /** The fixture's only name: the "no pid" framework's hostname. */
  static final HostResolver RESOLVER =
      host ->
          host.equals("localhost")
              ? List.of(InetAddress.getLoopbackAddress(), ipv6Loopback())
              : List.of();

  private static InetAddress ipv6Loopback() {
    return io.dcnet.core.net.IpLiterals.parse("::1").orElseThrow();
  }

  static MasterState fixture() throws Exception {
    MasterState s = MasterStateParser.parse(Files.readAllBytes(FIXTURE));
    return new MasterState(LEADER, s.agents(), s.frameworks());
  }

  static MesosDnsConfig config(String ipSources, boolean rfc952) throws Exception {
    String json =
        "{\"masters\":[\"144.76.157.37:5050\"],\"SOAMname\":\"mesos-dns.mesos\","
            + "\"listener\":\"127.0.0.1\",\"enforceRFC952\":"
            + rfc952
            + ",\"IPSources\":[\""
            + String.join("\",\"", ipSources.split(" "))
            + "\"]}";
    return MesosDnsConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "netinfo mesos host, false, default-rfc1123.tsv",
    "netinfo mesos host, true, default-rfc952.tsv",
    "host, false, host-rfc1123.tsv",
    "host, true, host-rfc952.tsv",
    "mesos host, false, mesos-host-rfc1123.tsv",
    "docker host, false, docker-host-rfc1123.tsv",
    "netinfo host, false, netinfo-host-rfc1123.tsv",
    "docker mesos netinfo host, false, docker-mesos-netinfo-host-rfc1123.tsv",
    "netinfo docker mesos host, true, netinfo-docker-mesos-host-rfc952.tsv",
    "netinfo, true, netinfo-rfc952.tsv",
  })
  void fixtureMatchesGolden(String sources, boolean rfc952, String golden) throws Exception {
    GeneratedRecords gen =
        RecordGenerator.generate(fixture(), MASTERS, config(sources, rfc952), RESOLVER, List.of());
    List<String> actual = RecordTsv.lines(gen.records());
    if (Boolean.getBoolean("dcnet.golden.update")) {
      Path out = Path.of("src/test/resources/io/dcnet/mesosdns/records", golden);
      String header =
          "# fake.json, IPSources "
              + sources
              + ", enforceRFC952 "
              + rfc952
              + "\n"
              + "# name\ttype\tvalue\n";
      Files.writeString(out, header + String.join("\n", actual) + "\n");
    }
    assertThat(actual).containsExactlyElementsOf(RecordTsv.golden(golden));
  }

  @Test
  void enumerationListsEveryFrameworkInStateOrderWithQualifyingTasks() throws Exception {
    Enumeration e =
        RecordGenerator.generate(
                fixture(), MASTERS, config("netinfo mesos host", false), RESOLVER, List.of())
            .enumeration();
    assertThat(e.frameworks())
        .extracting(Enumeration.Framework::name)
        .containsExactly(
            "ipv6-framework", "chronos with a space AND MIXED CASE-2.0.1", "no pid", "marathon");
    assertThat(e.frameworks().get(2).tasks()).isEmpty();
    assertThat(e.frameworks().get(3).tasks())
        .extracting(Enumeration.Task::name)
        .containsExactly(
            "liquor.store",
            "big.dog2",
            "non-human-readable-liquor-store",
            "car.store",
            "chronos",
            "nginx",
            "reviewbot");
    // 147 golden records minus 19 framework/agent/master/nameserver ones: each task value once
    long taskRecords =
        e.frameworks().stream()
            .flatMap(f -> f.tasks().stream())
            .mapToLong(t -> t.records().size())
            .sum();
    assertThat(taskRecords).isEqualTo(128);
  }
}
