package io.dcnet.bench;

import io.dcnet.dns.mesos.AuthorityView;
import io.dcnet.dns.mesos.MesosAuthority;
import io.dcnet.dns.records.RecordSet;
import io.dcnet.dns.records.SoaSettings;
import io.dcnet.dns.server.DnsProtocol;
import io.dcnet.dns.server.ResponseTruncator;
import io.dcnet.dns.server.WireQuestion;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The Mesos authority's answer path per query, from query bytes to reply bytes: {@code regular} is
 * the dnsjava path (parse, {@link MesosAuthority#answer}, {@link ResponseTruncator#fit}); {@code
 * fast} is {@link WireQuestion#parse} plus {@link MesosAuthority#fastAnswer}. No sockets.
 *
 * <p>Not thread-safe; one state per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnswerPathBenchmark {
  @Param({"A", "SRV"})
  public String type;

  private MesosAuthority authority;
  private byte[] query;

  @Setup
  public void setUp() throws Exception {
    RecordSet.Builder b = RecordSet.builder();
    for (int t = 0; t < 3; t++) {
      String task = "web-" + t + ".marathon.slave.mesos.";
      b.addA("web.marathon.mesos.", "10.1.0." + (t + 1));
      b.addA(task, "10.0.0." + (t + 1));
      b.addSrv("_web._tcp.marathon.mesos.", task + ":" + (31000 + t));
    }
    SoaSettings soa = new SoaSettings("mesos", "ns1.mesos.", "root.ns1.mesos.", 60, 60, 600, 86400);
    AuthorityView view = new AuthorityView(b.build(), 1, soa);
    authority = new MesosAuthority(() -> view, 1, true);
    String name = type.equals("A") ? "web.marathon.mesos." : "_web._tcp.marathon.mesos.";
    query =
        Message.newQuery(Record.newRecord(Name.fromString(name), Type.value(type), DClass.IN))
            .toWire();
  }

  @Benchmark
  public byte[] regular() throws Exception {
    Message request = new Message(query);
    Message reply = authority.answer(request);
    reply.getHeader().setID(request.getHeader().getID());
    int limit = ResponseTruncator.sizeLimit(request, DnsProtocol.UDP);
    return ResponseTruncator.fit(reply, limit, true).wire();
  }

  @Benchmark
  public byte[] fast() {
    WireQuestion q = WireQuestion.parse(query);
    return authority.fastAnswer(q, q.sizeLimit(DnsProtocol.UDP));
  }
}
