package io.dcnet.daemon.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.core.net.HostPort;
import io.dcnet.state.StateCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishedZoneTest {
  @Test
  void everyRecordTypeSurvivesTheStateCodec() {
    DnsZone zone =
        new DnsZone(
            "mesos.thisdcos.directory",
            Map.of(
                "web.marathon.mesos.thisdcos.directory",
                List.of(new ZoneRecord.A("10.0.0.11"), new ZoneRecord.Aaaa("fd01::1")),
                "_web._tcp.marathon.mesos.thisdcos.directory",
                List.of(new ZoneRecord.Srv(1, 1, 31000, "web.marathon.mesos.thisdcos.directory")),
                "registry.mesos.thisdcos.directory",
                List.of(new ZoneRecord.Cname("master.dcos.thisdcos.directory"))));
    StateCodec<PublishedZone> codec = StateCodec.json(PublishedZone.class);
    PublishedZone back = codec.decode(codec.encode(PublishedZone.of(zone, 1234)));
    assertThat(back.publishedAtMillis()).isEqualTo(1234);
    assertThat(back.toZone()).isEqualTo(zone);
  }

  @Test
  void unknownRecordTypesAreSkipped() {
    PublishedZone p =
        new PublishedZone(
            "dcos.thisdcos.directory",
            1,
            Map.of(
                "x.dcos.thisdcos.directory",
                List.of(new PublishedZone.Value("TXT", "hi", 0, 0, 0))));
    assertThat(p.toZone().records().get("x.dcos.thisdcos.directory")).isEmpty();
  }

  @Test
  void theLeaderIsOursOnlyWhenHostAndPortMatch() {
    HostPort own = new HostPort("10.0.0.1", 5050);
    assertThat(ZoneDeputyTracker.isOwn("master@10.0.0.1:5050", own)).isTrue();
    assertThat(ZoneDeputyTracker.isOwn("master@10.0.0.2:5050", own)).isFalse();
    assertThat(ZoneDeputyTracker.isOwn("master@10.0.0.1:5051", own)).isFalse();
    assertThat(ZoneDeputyTracker.isOwn("", own)).isFalse();
  }
}
