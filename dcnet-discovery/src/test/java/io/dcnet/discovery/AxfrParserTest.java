package io.dcnet.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AxfrParserTest {
  static final String AXFR =
      """
      {"TTL": 60, "Serial": 1700000000, "RefreshSeconds": 60,
       "Mname": "ns1.mesos", "Rname": "root.ns1.mesos", "Domain": "mesos",
       "Records": {
         "As": {"app.marathon.mesos.": ["10.0.0.11", "10.0.0.12"],
                "leader.mesos.": ["10.0.0.1"],
                "bad.mesos.": ["not-an-ip", "fd01::1"],
                "elsewhere.example.": ["10.9.9.9"]},
         "AAAAs": {"App6.Marathon.mesos.": ["fd01:b:0:0:0:0:0:1"]},
         "SRVs": {"_app._tcp.marathon.mesos.": ["app-1a2b.marathon.slave.mesos.:31000",
                                                "ext.example.:80", "noport.mesos."]}
       }}
      """;

  static DnsZone parse(String json) {
    return AxfrParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void namesMoveUnderMesosThisdcosDirectory() {
    DnsZone z = parse(AXFR);
    assertThat(z.name()).isEqualTo("mesos.thisdcos.directory");
    assertThat(z.records().get("app.marathon.mesos.thisdcos.directory"))
        .isEqualTo(Fixtures.a("10.0.0.11", "10.0.0.12"));
    assertThat(z.records().get("leader.mesos.thisdcos.directory"))
        .isEqualTo(Fixtures.a("10.0.0.1"));
    assertThat(z.records().get("app6.marathon.mesos.thisdcos.directory"))
        .containsExactly(Fixtures.aaaa("fd01:b::1"));
    assertThat(z.records().get("_app._tcp.marathon.mesos.thisdcos.directory"))
        .containsExactly(
            new ZoneRecord.Srv(1, 1, 31000, "app-1a2b.marathon.slave.mesos.thisdcos.directory"),
            new ZoneRecord.Srv(1, 1, 80, "ext.example"));
  }

  @Test
  void badValuesAndForeignOwnersAreSkipped() {
    DnsZone z = parse(AXFR);
    assertThat(z.records()).doesNotContainKey("bad.mesos.thisdcos.directory");
    assertThat(z.records().keySet()).allMatch(n -> n.endsWith(".mesos.thisdcos.directory"));
    assertThat(z.records()).hasSize(4);
  }

  @Test
  void malformedDocumentsAreRejectedWithTheField() {
    assertThatThrownBy(() -> parse("{\"Domain\":\"mesos\"}")).hasMessageContaining("Records");
    assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("axfr");
    assertThatThrownBy(() -> parse("{")).hasMessageContaining("not JSON");
  }

  @Test
  void theHashIgnoresOrder() {
    String reordered =
        """
        {"Domain": "mesos", "Records": {"SRVs": {}, "AAAAs": {},
         "As": {"b.mesos.": ["10.0.0.2", "10.0.0.1"], "a.mesos.": ["10.0.0.3"]}}}
        """;
    String ordered =
        """
        {"Domain": "mesos", "Records": {
         "As": {"a.mesos.": ["10.0.0.3"], "b.mesos.": ["10.0.0.1", "10.0.0.2"]}}}
        """;
    assertThat(ZoneHash.sha256(parse(reordered))).isEqualTo(ZoneHash.sha256(parse(ordered)));
    assertThat(ZoneHash.sha256(parse(reordered))).isNotEqualTo(ZoneHash.sha256(parse(AXFR)));
  }
}
