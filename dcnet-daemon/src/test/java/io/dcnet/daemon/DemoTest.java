package io.dcnet.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** What {@code ./dcnet demo} promises: its names resolve and lead to the running apps. */
class DemoTest {
  @Test
  void printedNamesResolveAndReachTheApps() throws Exception {
    try (Demo demo = new Demo().start(0, 0, 1)) {
      int port = demo.dnsPort();
      assertThat(Dig.values(Dig.query(port, "web.marathon.mesos.", Type.A, false)))
          .containsExactlyInAnyOrderElementsOf(Demo.AGENT_IPS);
      assertThat(Dig.values(Dig.query(port, "leader.mesos.", Type.A, true)))
          .containsExactly("127.0.0.1");

      // Follow SRV -> A -> HTTP for every 'web' instance, over UDP and TCP.
      HttpClient http = HttpClient.newHttpClient();
      Set<String> bodies = new HashSet<>();
      for (boolean tcp : new boolean[] {false, true}) {
        Message srv = Dig.query(port, "_web._tcp.marathon.mesos.", Type.SRV, tcp);
        assertThat(srv.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(srv.getSection(Section.ANSWER)).hasSize(2);
        for (var rec : srv.getSection(Section.ANSWER)) {
          SRVRecord s = (SRVRecord) rec;
          String ip =
              Dig.values(Dig.query(port, s.getTarget().toString(), Type.A, tcp)).iterator().next();
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(URI.create("http://" + ip + ":" + s.getPort() + "/"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(r.body()).startsWith("hello from web instance");
          bodies.add(r.body());
        }
      }
      assertThat(bodies).hasSize(2);

      HttpResponse<String> services =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + demo.httpPort()
                              + "/v1/services/_api._tcp.marathon.mesos"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(services.statusCode()).isEqualTo(200);
      assertThat(services.body()).contains("\"ip\":\"127.0.0.32\"");
      assertThat(demo.commands()).anyMatch(c -> c.contains("-p " + port));
    }
  }
}
