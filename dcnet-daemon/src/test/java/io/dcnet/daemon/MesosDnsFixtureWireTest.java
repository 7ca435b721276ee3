package io.dcnet.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.daemon.mesosdns.MesosDnsDaemon;
import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.http.MesosAuth;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import io.dcnet.mesosdns.config.MesosDnsConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The upstream fixture, served by the Mesos emulator, polled by {@code dcnet mesos-dns} and queried
 * over real UDP and TCP sockets: every name and type of the golden record set of each {@code
 * IPSources} setting (the files checked against upstream Mesos-DNS in dcnet-mesos-dns) is answered
 * with exactly the golden values. Only the master records differ from the goldens, because the
 * emulator, not 144.76.157.37:5050, is the leader here.
 */
class MesosDnsFixtureWireTest {
  static final Path FIXTURE = Path.of("../../shared/fixtures/mesos-dns/fake.json");
  static final Path GOLDEN =
      Path.of("../dcnet-mesos-dns/src/test/resources/io/dcnet/mesosdns/records");

  @ParameterizedTest(name = "IPSources [{0}], RFC952 {1}")
  @CsvSource({
    "netinfo mesos host, false, default-rfc1123.tsv",
    "netinfo mesos host, true, default-rfc952.tsv",
    "host, false, host-rfc1123.tsv",
    "mesos host, false, mesos-host-rfc1123.tsv",
    "docker host, false, docker-host-rfc1123.tsv",
    "netinfo host, false, netinfo-host-rfc1123.tsv",
    "docker mesos netinfo host, false, docker-mesos-netinfo-host-rfc1123.tsv",
    "netinfo, true, netinfo-rfc952.tsv",
  })
  void servesGoldenRecordsOverUdpAndTcp(String sources, boolean rfc952, String golden)
      throws Exception {
    try (MesosEmulator emu = MesosEmulator.builder().scenario(FIXTURE).start();
        MesosDnsDaemon daemon = startDaemon(emu, sources, rfc952)) {
      int port = daemon.dnsPort();
      Map<String, Set<String>> expected = expected(golden, emu.masterPort());
      assertThat(expected).hasSizeGreaterThan(40);
      for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
        String name = e.getKey().substring(0, e.getKey().lastIndexOf(' '));
        int type = Type.value(e.getKey().substring(e.getKey().lastIndexOf(' ') + 1));
        Message tcp = Dig.query(port, name, type, true);
        assertThat(Dig.values(tcp)).as("%s over TCP", e.getKey()).isEqualTo(e.getValue());
        Message udp = Dig.query(port, name, type, false);
        if (Dig.truncated(udp)) {
          assertThat(e.getValue())
              .as("%s over UDP (truncated)", e.getKey())
              .containsAll(Dig.values(udp));
        } else {
          assertThat(Dig.values(udp)).as("%s over UDP", e.getKey()).isEqualTo(e.getValue());
        }
      }
      // Misses: NXDOMAIN for unknown names, NODATA for a known name without that type,
      // NOERROR without records for SRV.
      assertThat(Dig.query(port, "nope.marathon.mesos.", Type.A, false).getRcode())
          .isEqualTo(Rcode.NXDOMAIN);
      Message nodata = Dig.query(port, "leader.mesos.", Type.AAAA, false);
      assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
      Message srvMiss = Dig.query(port, "_nope._tcp.marathon.mesos.", Type.SRV, true);
      assertThat(srvMiss.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(srvMiss.getSection(Section.AUTHORITY)).isEmpty();
    }
  }

  static MesosDnsDaemon startDaemon(MesosEmulator emu, String sources, boolean rfc952)
      throws Exception {
    String ipSources = "\"" + String.join("\",\"", sources.split(" ")) + "\"";
    String json =
        """
        {"masters": ["127.0.0.1:%d"], "listener": "127.0.0.1", "port": 0,
         "httpListener": "127.0.0.1", "httpport": 0, "externalon": false,
         "SOAMname": "mesos-dns.mesos", "enforceRFC952": %s, "IPSources": [%s]}
        """
            .formatted(emu.masterPort(), rfc952, ipSources);
    MesosDnsConfig cfg = MesosDnsConfigLoader.parse(json.getBytes(StandardCharsets.UTF_8));
    MesosDnsDaemon d = new MesosDnsDaemon(cfg, MesosAuth.none(), "test", () -> {});
    d.start();
    if (!d.awaitReadyAndListen(Duration.ofSeconds(20))) {
      d.close();
      throw new IOException("no successful refresh within 20 s");
    }
    return d;
  }

  /**
   * "name TYPE" → values, from a golden file, with the master records pointed at the emulator and
   * without names no query can match (upper case, kept by Mesos-DNS's legacy pass) or that depend
   * on this machine's resolver ({@code localhost}, the "no pid" framework).
   */
  static Map<String, Set<String>> expected(String golden, int masterPort) throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    List<String> lines = Files.readAllLines(GOLDEN.resolve(golden), StandardCharsets.UTF_8);
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      String name = f[0];
      String value = f[2];
      if (!name.equals(name.toLowerCase(java.util.Locale.ROOT)) || name.startsWith("nopid.")) {
        continue;
      }
      if (name.equals("leader.mesos.") || name.matches("master\\d*\\.mesos\\.")) {
        value = "127.0.0.1";
      } else if (name.startsWith("_leader._")) {
        value = "leader.mesos.:" + masterPort;
      }
      out.computeIfAbsent(name + " " + f[1], k -> new TreeSet<>()).add(value);
    }
    return out;
  }
}
