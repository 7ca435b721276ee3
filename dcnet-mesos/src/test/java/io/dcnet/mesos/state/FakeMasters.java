package io.dcnet.mesos.state;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Tiny JDK HTTP servers on several loopback IPs sharing one port, serving canned responses. */
final class FakeMasters implements AutoCloseable {
  /** A canned response. */
  record Reply(int status, String body, String location) {}

  private final List<HttpServer> servers = new ArrayList<>();
  final Map<String, Reply> replies = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  final int port;

  FakeMasters(String... ips) throws IOException {
    int p = 0;
    for (String ip : ips) {
      HttpServer s = HttpServer.create(new InetSocketAddress(ip, p), 0);
      p = s.getAddress().getPort();
      s.createContext(
          "/",
          ex -> {
            hits.computeIfAbsent(ip, k -> new AtomicInteger()).incrementAndGet();
            Reply r = replies.getOrDefault(ip, new Reply(503, "no leader", null));
            if (r.location() != null) {
              ex.getResponseHeaders().add("Location", r.location());
            }
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
            ex.getResponseBody().write(body);
            ex.close();
          });
      s.start();
      servers.add(s);
    }
    port = p;
  }

  /** Serve a state naming {@code leaderIp} as leader from {@code ip}. */
  void state(String ip, String leaderIp) {
    String leader = leaderIp.isEmpty() ? "" : "master@" + leaderIp + ":" + port;
    replies.put(
        ip,
        new Reply(
            200,
            "{\"leader\":\""
                + leader
                + "\",\"slaves\":[{\"id\":\"s-"
                + ip
                + "\",\"hostname\":\"h\",\"pid\":\"slave(1)@10.0.0.1:5051\"}],\"frameworks\":[]}",
            null));
  }

  int hits(String ip) {
    AtomicInteger n = hits.get(ip);
    return n == null ? 0 : n.get();
  }

  String addr(String ip) {
    return ip + ":" + port;
  }

  @Override
  public void close() {
    servers.forEach(s -> s.stop(0));
  }
}
