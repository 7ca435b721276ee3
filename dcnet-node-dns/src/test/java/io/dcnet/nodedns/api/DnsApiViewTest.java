package io.dcnet.nodedns.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DnsApiViewTest {
  private static final String Z = "mesos.thisdcos.directory";
  private final DnsApiView view =
      new DnsApiView(
          () ->
              Map.of(
                  Z,
                  new DnsZone(
                      Z,
                      Map.of(
                          "web.marathon.mesos.thisdcos.directory",
                          List.of(new ZoneRecord.A("10.0.0.1"), new ZoneRecord.Aaaa("fd01::1")),
                          "_web._tcp.marathon.mesos.thisdcos.directory",
                          List.of(
                              new ZoneRecord.Srv(
                                  1, 1, 8080, "web.marathon.mesos.thisdcos.directory"),
                              new ZoneRecord.Srv(1, 1, 9090, "elsewhere.example.com"))))));

  @Test
  void hostsServicesAndRecords() {
    assertThat(view.hosts("Web.Marathon.mesos.thisdcos.directory."))
        .containsExactly(
            new DnsApiView.HostEntry("web.marathon.mesos.thisdcos.directory", "10.0.0.1"));
    assertThat(view.hosts("nope.mesos.thisdcos.directory")).isEmpty();
    assertThat(view.services("_web._tcp.marathon.mesos.thisdcos.directory"))
        .containsExactly(
            new DnsApiView.ServiceEntry(
                "_web._tcp.marathon.mesos.thisdcos.directory",
                "web.marathon.mesos.thisdcos.directory",
                8080,
                "10.0.0.1"),
            new DnsApiView.ServiceEntry(
                "_web._tcp.marathon.mesos.thisdcos.directory",
                "elsewhere.example.com",
                9090,
                null));
    assertThat(view.records())
        .hasSize(4)
        .contains(
            new DnsApiView.RecordEntry("web.marathon.mesos.thisdcos.directory", "fd01::1", "AAAA"),
            new DnsApiView.RecordEntry(
                "_web._tcp.marathon.mesos.thisdcos.directory",
                "web.marathon.mesos.thisdcos.directory:8080",
                "SRV"));
  }
}
