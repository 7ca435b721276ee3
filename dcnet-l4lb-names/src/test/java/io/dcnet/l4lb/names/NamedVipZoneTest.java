package io.dcnet.l4lb.names;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.l4lb.model.NamedVipAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamedVipZoneTest {
  @Test
  void aAndAaaaPerName() {
    DnsZone zone =
        NamedVipZone.build(
            List.of(
                new NamedVipAddress("web.marathon", "11.0.0.2", "fd01:c::2"),
                new NamedVipAddress("mygroupmyapp.marathon", "11.0.0.1", null)));
    assertThat(zone.name()).isEqualTo("l4lb.thisdcos.directory");
    assertThat(zone.records().keySet())
        .containsExactly(
            "mygroupmyapp.marathon.l4lb.thisdcos.directory",
            "web.marathon.l4lb.thisdcos.directory");
    assertThat(zone.records().get("mygroupmyapp.marathon.l4lb.thisdcos.directory"))
        .containsExactly(new ZoneRecord.A("11.0.0.1"));
    assertThat(zone.records().get("web.marathon.l4lb.thisdcos.directory"))
        .containsExactly(new ZoneRecord.A("11.0.0.2"), new ZoneRecord.Aaaa("fd01:c::2"));
    assertThat(NamedVipZone.TTL).isEqualTo(5);
  }

  @Test
  void ownersAreLowerCaseAndEmptyAddressesGiveNothing() {
    DnsZone zone =
        NamedVipZone.build(
            List.of(
                new NamedVipAddress("MyApp.Marathon", "11.0.0.3", null),
                new NamedVipAddress("none.marathon", null, null)));
    assertThat(zone.records()).containsOnlyKeys("myapp.marathon.l4lb.thisdcos.directory");
    assertThat(NamedVipZone.build(List.of()).size()).isZero();
  }
}
