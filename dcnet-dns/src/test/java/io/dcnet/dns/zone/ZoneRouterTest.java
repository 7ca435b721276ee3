package io.dcnet.dns.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.dns.server.DnsProtocol;
import io.dcnet.dns.server.DnsQuery;
import io.dcnet.dns.server.DnsQueryHandler;
import io.dcnet.dns.server.DnsReplies;
import io.dcnet.dns.server.DnsTestClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class ZoneRouterTest {
  /** A handler answering with a distinct rcode, so the test can tell who answered. */
  private static DnsQueryHandler tagged(int rcode) {
    return q -> CompletableFuture.completedFuture(DnsReplies.error(q.message(), rcode));
  }

  private static int rcodeFor(ZoneRouter router, String name) {
    Message r =
        router
            .handle(DnsQuery.detached(DnsTestClient.query(name, Type.A), DnsProtocol.UDP))
            .toCompletableFuture()
            .join();
    return r.getRcode();
  }

  @Test
  void longestMatchingSuffixWinsCaseInsensitively() {
    ZoneRouter router =
        new ZoneRouter(
            Map.of("mesos.", tagged(Rcode.NOERROR)),
            tagged(Rcode.SERVFAIL),
            Map.of("corp", tagged(Rcode.NXDOMAIN), "dev.corp.", tagged(Rcode.NOTIMP)));
    assertThat(rcodeFor(router, "leader.MESOS.")).isEqualTo(Rcode.NOERROR);
    assertThat(rcodeFor(router, "mesos.")).isEqualTo(Rcode.NOERROR);
    assertThat(rcodeFor(router, "a.b.Corp.")).isEqualTo(Rcode.NXDOMAIN);
    assertThat(rcodeFor(router, "x.DEV.corp.")).isEqualTo(Rcode.NOTIMP);
    assertThat(rcodeFor(router, "dev.corp.")).isEqualTo(Rcode.NOTIMP);
    assertThat(rcodeFor(router, "xdev.corp.")).isEqualTo(Rcode.NXDOMAIN);
    assertThat(rcodeFor(router, "example.com.")).isEqualTo(Rcode.SERVFAIL);
    assertThat(rcodeFor(router, "notmesos.")).isEqualTo(Rcode.SERVFAIL);
    assertThat(rcodeFor(router, ".")).isEqualTo(Rcode.SERVFAIL);
  }

  @Test
  void namesOutsideEveryZoneAreRefusedWithoutAForwarder() {
    ZoneRouter router = new ZoneRouter(Map.of("mesos", tagged(Rcode.NOERROR)));
    assertThat(rcodeFor(router, "example.com.")).isEqualTo(Rcode.REFUSED);
    assertThat(rcodeFor(router, "a.mesos.")).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void rootZoneInTheMapIsTheCatchAll() {
    ZoneRouter router =
        new ZoneRouter(
            Map.of("mesos.", tagged(Rcode.NOERROR)), null, Map.of(".", tagged(Rcode.NXDOMAIN)));
    assertThat(rcodeFor(router, "example.com.")).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void duplicateOrMalformedZonesAreRejected() {
    assertThatThrownBy(
            () -> new ZoneRouter(Map.of("mesos.", tagged(0)), null, Map.of("MESOS", tagged(0))))
        .hasMessageContaining("zoneForwarders: zone MESOS given twice");
    assertThatThrownBy(() -> new ZoneRouter(Map.of("a..b", tagged(0))))
        .hasMessageContaining("authorities: a..b (expected: a DNS zone name");
  }
}
