package io.dcnet.dns.bench;

import io.dcnet.dns.mesos.AuthorityView;
import io.dcnet.dns.mesos.MesosAuthority;
import io.dcnet.dns.records.RecordSet;
import io.dcnet.dns.records.SoaSettings;
import io.dcnet.dns.server.DnsServer;
import io.dcnet.dns.server.DnsServerOptions;
import io.dcnet.dns.zone.ZoneRouter;
import java.net.InetAddress;
import java.util.Map;

/**
 * Manual benchmark target (not a test): serves a small Mesos zone on 127.0.0.1:PORT until killed.
 * Drive it with e.g. {@code dnsperf -s 127.0.0.1 -p PORT -d queries.txt -l 10 -c 8 -Q 200000}.
 *
 * <p>Args: port [ioThreads] [udpChannels]. Single-threaded main; the server owns its threads.
 */
public final class BenchServerMain {
  private BenchServerMain() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    int udp = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    RecordSet.Builder b = RecordSet.builder();
    for (int i = 0; i < 1000; i++) {
      b.addA("app" + i + ".marathon.mesos.", "10.0." + (i / 250) + "." + (i % 250));
      b.addSrv("_app" + i + "._tcp.marathon.mesos.", "app" + i + ".marathon.mesos.:" + (31000 + i));
    }
    RecordSet rs = b.build();
    SoaSettings soa = new SoaSettings("mesos", "ns1.mesos.", "root.ns1.mesos.", 60, 60, 600, 86400);
    MesosAuthority auth = new MesosAuthority(() -> new AuthorityView(rs, 1, soa), 1, true);
    DnsServer server =
        new DnsServer(
                InetAddress.getLoopbackAddress(),
                port,
                new ZoneRouter(Map.of("mesos.", auth)),
                DnsServerOptions.defaults().withIoThreads(threads).withUdpChannels(udp))
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }
}
