package io.dcnet.l4lb.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 100 concurrent TCP connections through one VIP to two echo backends: every byte comes back in
 * order, and half-close (the client shuts its output, the echo backend then shuts its own) passes
 * through the proxy.
 */
@SuppressWarnings("FutureReturnValueIgnored") // server loops end when their socket closes
class ProxyConcurrencyTest {
  private static final int CONNECTIONS = 100;
  private static final int PAYLOAD = 256 * 1024;

  private final List<ServerSocket> echoes = new ArrayList<>();
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private ProxyDataPlane dp;

  @AfterEach
  void tearDown() throws IOException {
    if (dp != null) {
      dp.close();
    }
    for (ServerSocket s : echoes) {
      s.close();
    }
    threads.shutdownNow();
  }

  @Test
  void hundredConcurrentConnectionsAreRelayedIntact() throws Exception {
    dp = ProxyDataPlane.create();
    relayHundred(1);
  }

  @Test
  void hundredConcurrentConnectionsOnNio() throws Exception {
    dp = new ProxyDataPlane(ProxyOptions.defaults().withPreferEpoll(false));
    relayHundred(2);
  }

  private void relayHundred(int vipIndex) throws Exception {
    InetAddress lo = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    ServiceKey vip =
        new ServiceKey(
            Protocol.TCP,
            InetAddress.getByAddress(new byte[] {127, 0, 101, (byte) vipIndex}),
            9100);
    dp.sync(L4Snapshot.empty().with(vip, List.of(echo(lo), echo(lo))));
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < CONNECTIONS; i++) {
      int seed = i;
      results.add(threads.submit(() -> roundTrip(vip, seed)));
    }
    for (Future<Boolean> r : results) {
      assertThat(r.get(25, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(dp.stats().tcpAccepted()).isEqualTo(CONNECTIONS);
  }

  private boolean roundTrip(ServiceKey vip, int seed) throws Exception {
    byte[] sent = new byte[PAYLOAD];
    new Random(seed).nextBytes(sent);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(vip.address(), vip.port()), 5000);
      s.setSoTimeout(20_000);
      Future<?> writer =
          threads.submit(
              () -> {
                OutputStream out = s.getOutputStream();
                out.write(sent);
                out.flush();
                s.shutdownOutput();
                return null;
              });
      byte[] got = s.getInputStream().readAllBytes();
      writer.get(20, TimeUnit.SECONDS);
      return java.util.Arrays.equals(sent, got);
    }
  }

  /** An echo server: copies input to output, then shuts its output at end of input. */
  private Destination echo(InetAddress at) throws IOException {
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress(at, 0), 200);
    echoes.add(server);
    threads.submit(
        () -> {
          while (!server.isClosed()) {
            Socket c = server.accept();
            threads.submit(() -> copyBack(c));
          }
          return null;
        });
    return new Destination(at, server.getLocalPort(), 1);
  }

  private static Void copyBack(Socket c) throws IOException {
    try (c) {
      InputStream in = c.getInputStream();
      OutputStream out = c.getOutputStream();
      in.transferTo(out);
      c.shutdownOutput();
    }
    return null;
  }
}
