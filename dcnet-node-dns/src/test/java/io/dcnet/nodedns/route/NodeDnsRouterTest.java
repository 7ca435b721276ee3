package io.dcnet.nodedns.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.nodedns.config.NodeDnsConfig;
import io.dcnet.nodedns.forward.ForwarderMetrics;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class NodeDnsRouterTest {
  private static final String ID = "ybndrfg8";

  private final NodeDnsRouter router =
      NodeDnsRouter.create(
          NodeDnsConfig.defaults()
              .withCryptoId(ID)
              .withForwardZones(
                  Map.of(
                      "example.com", List.of(new InetSocketAddress("10.0.0.1", 53)),
                      "a.example.com", List.of(new InetSocketAddress("10.0.0.2", 53)))),
          Map::of,
          List::of,
          List::of,
          new ForwarderMetrics());

  private NodeDnsRoute route(String name) {
    return router.route(Name.fromConstantString(name + "."));
  }

  private String forwardZone(String name) {
    return ((NodeDnsRoute.Forward) route(name)).zone();
  }

  private NodeDnsRoute.Internal internal(String name) {
    return (NodeDnsRoute.Internal) route(name);
  }

  @Test
  void internalNames() {
    for (String n :
        List.of("ready.spartan", "spartan", "zk-1.zk", "localhost", "x.y.thisdcos.directory")) {
      NodeDnsRoute.Internal i = internal(n);
      assertThat(i.from()).as(n).isNull();
      assertThat(i.lookup().toString()).isEqualTo(n + ".");
    }
  }

  @Test
  void renames() {
    NodeDnsRoute.Internal dclb = internal("App.Fw.DCLB.thisdcos.global");
    assertThat(dclb.lookup().toString()).isEqualTo("App.Fw.l4lb.thisdcos.directory.");
    assertThat(dclb.to().toString()).isEqualTo("DCLB.thisdcos.global.");
    assertThat(internal("a.dclb.thisdcos.directory").lookup().toString())
        .isEqualTo("a.l4lb.thisdcos.directory.");
    assertThat(internal("x.l4lb.thisdcos.global").lookup().toString())
        .isEqualTo("x.l4lb.thisdcos.directory.");
    assertThat(internal("master.dcos.thisdcos.global").lookup().toString())
        .isEqualTo("master.dcos.thisdcos.directory.");
    assertThat(internal("app.autoip.dcos." + ID + ".dcos.directory").lookup().toString())
        .isEqualTo("app.autoip.dcos.thisdcos.directory.");
  }

  @Test
  void forwarded() {
    assertThat(forwardZone("leader.mesos")).isEqualTo("mesos");
    assertThat(forwardZone("MASTER.MESOS")).isEqualTo("mesos");
    assertThat(forwardZone("www.example.com")).isEqualTo("example.com");
    assertThat(forwardZone("x.a.example.com")).isEqualTo("a.example.com");
    assertThat(forwardZone("a.example.com")).isEqualTo("a.example.com");
    assertThat(forwardZone("example.org")).isEqualTo(".");
    assertThat(forwardZone("app.autoip.dcos.otherid.dcos.directory")).isEqualTo(".");
    assertThat(forwardZone("mesosx")).isEqualTo(".");
  }

  @Test
  void rewriterHandlesApexAndForeignNames() {
    Name from = Name.fromConstantString("l4lb.thisdcos.directory.");
    Name to = Name.fromConstantString("dclb.thisdcos.global.");
    assertThat(NameRewriter.replaceSuffix(from, from, to)).isEqualTo(to);
    Name other = Name.fromConstantString("example.com.");
    assertThat(NameRewriter.replaceSuffix(other, from, to)).isSameAs(other);
  }
}
