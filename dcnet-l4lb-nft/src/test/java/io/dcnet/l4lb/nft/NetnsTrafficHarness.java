package io.dcnet.l4lb.nft;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.dataplane.TrafficHarness;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link TrafficHarness} in a fresh network namespace: backend addresses 10.200.0.1-9/32 and
 * fd00:200::1-9/128 on {@code lo}, {@code local} routes for the VIP ranges 11.0.0.0/8 and
 * fd01:c::/64 (so a VIP without a service refuses at once), and one {@link NetnsAgent} JVM that
 * runs the backends and the clients. Owned by one test thread.
 */
final class NetnsTrafficHarness implements TrafficHarness {
  private static final int BACKEND_ADDRESSES = 9;

  private final Netns ns;
  private final NetnsAgentProcess agent;
  private final AtomicInteger backends = new AtomicInteger();
  private final AtomicInteger flows = new AtomicInteger();

  private NetnsTrafficHarness(Netns ns, NetnsAgentProcess agent) {
    this.ns = ns;
    this.agent = agent;
  }

  static NetnsTrafficHarness create() throws IOException {
    Netns ns = Netns.create();
    try {
      for (int i = 1; i <= BACKEND_ADDRESSES; i++) {
        ns.ip("addr", "add", "10.200.0." + i + "/32", "dev", "lo");
        ns.ip("-6", "addr", "add", "fd00:200::" + i + "/128", "dev", "lo", "nodad");
      }
      ns.ip("route", "add", "local", "11.0.0.0/8", "dev", "lo");
      ns.ip("-6", "route", "add", "local", "fd01:c::/64", "dev", "lo");
      return new NetnsTrafficHarness(ns, NetnsAgentProcess.start(ns.name()));
    } catch (IOException | RuntimeException e) {
      ns.close();
      throw e;
    }
  }

  /** The namespace (for the data plane's command runner). */
  Netns namespace() {
    return ns;
  }

  @Override
  public InetAddress vip4(int i) {
    return literal("11.0.0." + (10 + i));
  }

  @Override
  public InetAddress vip6(int i) {
    return literal("fd01:c::" + Integer.toHexString(0x10 + i));
  }

  @Override
  public Destination startBackend(String name, boolean ipv6, int weight) throws IOException {
    int n = backends.getAndIncrement() % BACKEND_ADDRESSES + 1;
    String addr = ipv6 ? "fd00:200::" + n : "10.200.0." + n;
    String answer = agent.call("backend " + name + " " + addr);
    if (!answer.startsWith("ok ")) {
      throw new IOException("backend " + name + " on " + addr + ": " + answer);
    }
    return new Destination(literal(addr), Integer.parseInt(answer.substring(3)), weight);
  }

  @Override
  public void stopBackend(String name) throws IOException {
    agent.call("stop " + name);
  }

  @Override
  public Optional<String> request(ServiceKey service) throws IOException {
    return answer(agent.call("request " + service.protocol().wireName() + " " + target(service)));
  }

  @Override
  public Flow open(ServiceKey service) throws IOException {
    String id = "f" + flows.incrementAndGet();
    String backend =
        answer(agent.call("open " + id + " " + target(service)))
            .orElseThrow(() -> new IOException("no flow through " + service));
    return new Flow() {
      @Override
      public String backend() {
        return backend;
      }

      @Override
      public boolean stillServed() throws IOException {
        return answer(agent.call("probe " + id)).filter(backend::equals).isPresent();
      }

      @Override
      public void close() throws IOException {
        agent.call("close " + id);
      }
    };
  }

  @Override
  public void close() {
    try {
      agent.close();
    } finally {
      ns.close();
    }
  }

  private static String target(ServiceKey s) {
    return IpLiterals.format(s.address()) + " " + s.port();
  }

  private static Optional<String> answer(String line) {
    return line.startsWith("ok ") ? Optional.of(line.substring(3)) : Optional.empty();
  }

  private static InetAddress literal(String text) {
    return IpLiterals.parse(text).orElseThrow();
  }
}
