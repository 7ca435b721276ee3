package io.dcnet.l4lb.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The connection set-up and tear-down path, on epoll and on NIO: bytes (and the end of input) that
 * the client sends before its backend is connected, even across a failed connect, reach the
 * backend; a backend that ends its output first can still read what the client sends afterwards;
 * when both directions have ended both connections are closed.
 */
class ProxyHalfCloseTest {
  private static final InetAddress LO = InetAddress.getLoopbackAddress();

  private final List<AutoCloseable> closing = new ArrayList<>();
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private ProxyDataPlane dp;

  @AfterEach
  void tearDown() throws Exception {
    if (dp != null) {
      dp.close();
    }
    for (AutoCloseable c : closing) {
      c.close();
    }
    threads.shutdownNow();
  }

  @ParameterizedTest(name = "epoll={0}")
  @ValueSource(booleans = {true, false})
  void firstBytesAndEndOfInputSentBeforeTheBackendConnectsArrive(boolean epoll) throws Exception {
    dp = new ProxyDataPlane(ProxyOptions.defaults().withPreferEpoll(epoll));
    // the refusing destination is almost always tried first (weight 1000 against 1): the client's
    // bytes wait in its socket through a failed connect and the fall-over
    Destination refusing = new Destination(LO, closedPort(), 1000);
    ServerSocket backend = listen();
    Destination echo = new Destination(LO, backend.getLocalPort(), 1);
    ServiceKey vip = vip(epoll ? 1 : 2);
    dp.sync(L4Snapshot.empty().with(vip, List.of(refusing, echo)));
    CompletableFuture<String> received = new CompletableFuture<>();
    threads.submit(
        () -> {
          try (Socket c = backend.accept()) {
            String got = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            received.complete(got);
            c.getOutputStream().write(("echo:" + got).getBytes(StandardCharsets.UTF_8));
            c.shutdownOutput();
          }
          return null;
        });
    try (Socket client = connect(vip)) {
      client.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
      client.shutdownOutput();
      assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
      assertThat(readAll(client.getInputStream())).isEqualTo("echo:hello");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> dp.stats().tcpActive() == 0);
  }

  @ParameterizedTest(name = "epoll={0}")
  @ValueSource(booleans = {true, false})
  void aBackendThatEndsFirstStillReceivesWhatTheClientSendsAfterwards(boolean epoll)
      throws Exception {
    dp = new ProxyDataPlane(ProxyOptions.defaults().withPreferEpoll(epoll));
    ServerSocket backend = listen();
    ServiceKey vip = vip(epoll ? 3 : 4);
    dp.sync(L4Snapshot.empty().with(vip, List.of(new Destination(LO, backend.getLocalPort(), 1))));
    CompletableFuture<String> afterEnd = new CompletableFuture<>();
    CompletableFuture<Boolean> backendSawClose = new CompletableFuture<>();
    threads.submit(
        () -> {
          try (Socket c = backend.accept()) {
            c.getOutputStream().write("greeting".getBytes(StandardCharsets.UTF_8));
            c.shutdownOutput();
            afterEnd.complete(
                new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            backendSawClose.complete(c.getInputStream().read() == -1);
          }
          return null;
        });
    try (Socket client = connect(vip)) {
      // the backend's end of output reaches the client as end of input...
      assertThat(readAll(client.getInputStream())).isEqualTo("greeting");
      // ...while the client's direction stays open
      client.getOutputStream().write("late words".getBytes(StandardCharsets.UTF_8));
      client.shutdownOutput();
      assertThat(afterEnd.get(10, TimeUnit.SECONDS)).isEqualTo("late words");
      assertThat(backendSawClose.get(10, TimeUnit.SECONDS)).isTrue();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> dp.stats().tcpActive() == 0);
  }

  private ServiceKey vip(int i) throws IOException {
    return new ServiceKey(
        Protocol.TCP, InetAddress.getByAddress(new byte[] {127, 0, 103, (byte) i}), 9300);
  }

  private ServerSocket listen() throws IOException {
    ServerSocket s = new ServerSocket();
    s.bind(new InetSocketAddress(LO, 0), 50);
    closing.add(s);
    return s;
  }

  /** A loopback port nobody listens on (bound, then released). */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(LO, 0));
      return s.getLocalPort();
    }
  }

  private static Socket connect(ServiceKey vip) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(vip.address(), vip.port()), 5000);
    s.setSoTimeout(10_000);
    return s;
  }

  private static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
