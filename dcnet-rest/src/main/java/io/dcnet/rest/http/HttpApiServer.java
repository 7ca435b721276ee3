package io.dcnet.rest.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 JSON API server on Netty: one event-loop thread (native epoll when available,
 * NIO otherwise), keep-alive and pipelining, bodies aggregated up to a small limit (larger ones get
 * 413), a generic {@link HttpRouter} with path parameters, 404 for unknown paths, 405 (with {@code
 * Allow}) for a known path with another method, 400 (and close) for malformed requests, 500 with a
 * JSON error when a handler throws. The {@code Accept} header is never checked, so {@code Accept:
 * application/json} (or anything else) is fine.
 *
 * <p>Threading: non-blocking routes run on the event loop; routes marked {@link
 * HttpRoute#asBlocking()} run on virtual threads, and their responses still go out in request order
 * per connection. Routes may be added before or after {@link #start()}.
 *
 * <p>Thread-safe. {@link #close()} releases the socket, the event loop and the workers; it is
 * idempotent.
 */
public final class HttpApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  public static final int IDLE_CLOSE_SECONDS = 120;

  private final String name;
  private final InetSocketAddress requested;
  private final int maxBodyBytes;
  private final HttpRouter router = new HttpRouter();
  private final HttpHandlerInvoker invoker;
  private EventLoopGroup group;
  private ExecutorService workers;
  private Channel serverChannel;
  private final NettyTransport forcedTransport;
  private NettyTransport transport;
  private volatile InetSocketAddress bound;
  private boolean closed;

  /** A server with the default body limit; see {@link #HttpApiServer(String, String, int, int)}. */
  public HttpApiServer(String name, String bindHost, int port) {
    this(name, bindHost, port, DEFAULT_MAX_BODY_BYTES);
  }

  /**
   * @param name used in thread names and log lines, e.g. {@code mesos-dns-http}
   * @param bindHost IP literal (or resolvable name) to bind, e.g. {@code 0.0.0.0}, {@code
   *     127.0.0.1}
   * @param port TCP port, 0 for an ephemeral one (see {@link #port()})
   * @param maxBodyBytes largest accepted request body
   */
  public HttpApiServer(String name, String bindHost, int port, int maxBodyBytes) {
    this(name, bindHost, port, maxBodyBytes, null);
  }

  /** As above, with a fixed transport (tests use it to exercise the NIO fallback). */
  HttpApiServer(
      String name, String bindHost, int port, int maxBodyBytes, NettyTransport forcedTransport) {
    this.forcedTransport = forcedTransport;
    this.name = Objects.requireNonNull(name, "name");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
    }
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: >= 0)");
    }
    Objects.requireNonNull(bindHost, "bindHost");
    InetSocketAddress addr = new InetSocketAddress(bindHost, port);
    if (addr.isUnresolved()) {
      throw new IllegalArgumentException(
          "bindHost: " + bindHost + " (expected: an IP address or resolvable host name)");
    }
    this.requested = addr;
    this.maxBodyBytes = maxBodyBytes;
    this.invoker = new HttpHandlerInvoker(name);
  }

  /** Adds a route. */
  public HttpApiServer route(HttpRoute route) {
    router.add(route);
    return this;
  }

  /** Adds a non-blocking GET route. */
  public HttpApiServer get(String pattern, HttpHandler handler) {
    return route(HttpRoute.get(pattern, handler));
  }

  /** Adds a non-blocking POST route. */
  public HttpApiServer post(String pattern, HttpHandler handler) {
    return route(HttpRoute.post(pattern, handler));
  }

  public HttpRouter router() {
    return router;
  }

  /** Binds and starts serving. Throws IOException (naming the address) if the bind fails. */
  public synchronized HttpApiServer start() throws IOException {
    if (closed || group != null) {
      throw new IllegalStateException(name + ": start() (expected: once, before close())");
    }
    transport = forcedTransport != null ? forcedTransport : NettyTransport.best();
    group =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory(name + "-io", true), transport.ioHandlerFactory());
    workers =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-worker-", 0).factory());
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 128)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast("idle", new IdleStateHandler(0, 0, IDLE_CLOSE_SECONDS))
                        .addLast("codec", new HttpServerCodec())
                        .addLast("aggregate", new HttpObjectAggregator(maxBodyBytes))
                        .addLast("dispatch", new HttpDispatchHandler(router, invoker, workers));
                  }
                });
    ChannelFuture f = b.bind(requested).awaitUninterruptibly();
    if (!f.isSuccess()) {
      freeResources();
      throw new IOException(
          name + ": cannot bind " + requested + ": " + f.cause().getMessage(), f.cause());
    }
    serverChannel = f.channel();
    bound = (InetSocketAddress) serverChannel.localAddress();
    LOG.info("{}: serving HTTP on {} ({})", name, bound, transport.name());
    return this;
  }

  /** The bound port; only after {@link #start()}. */
  public int port() {
    return localAddress().getPort();
  }

  /** The bound address; only after {@link #start()}. */
  public InetSocketAddress localAddress() {
    InetSocketAddress b = bound;
    if (b == null) {
      throw new IllegalStateException(name + ": not started (expected: start() first)");
    }
    return b;
  }

  /** The transport in use ({@code epoll} or {@code nio}); null before start. */
  public synchronized String transport() {
    return transport == null ? null : transport.name();
  }

  /** How many handler calls have thrown since start (each answered with 500). */
  public long handlerFailures() {
    return invoker.failures();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    boolean wasServing = serverChannel != null;
    freeResources();
    if (wasServing) {
      LOG.info("{}: stopped serving HTTP on {}", name, bound);
    }
  }

  private void freeResources() {
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
      serverChannel = null;
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
      group = null;
    }
    if (workers != null) {
      workers.shutdownNow();
      workers = null;
    }
  }
}
