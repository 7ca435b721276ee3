package io.dcnet.dns.server;

import io.dcnet.core.net.IpLiterals;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DNS server on one address: UDP and TCP, Netty, native epoll when available. Every query goes to
 * one {@link DnsQueryHandler}; replies are fitted to the size limit of spec §4.3.
 *
 * <pre>{@code
 * DnsServer server = new DnsServer(addr, 53, handler, DnsServerOptions.defaults()).start();
 * ...
 * server.close();
 * }</pre>
 *
 * <p>Thread-safe: {@link #start} and {@link #close} may be called from any thread (once each); the
 * I/O runs on the server's own event loop group.
 */
public final class DnsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DnsServer.class);

  private static final int SAME_PORT_ATTEMPTS = 32;

  private final InetAddress bindAddress;
  private final int port;
  private final DnsServerOptions options;
  private final DnsServerStats stats = DnsServerStats.create();
  private final NettyTransport transport;
  private final QueryProcessor processor;
  private final TcpConnectionLimiter limiter;
  private final List<Channel> channels = new ArrayList<>();
  private EventLoopGroup group;
  private int udpPort = -1;
  private int tcpPort = -1;

  /**
   * @param bindAddress the IP to bind (e.g. 0.0.0.0 or 127.0.0.1)
   * @param port 0-65535; 0 binds one free port for both UDP and TCP
   * @param handler answers every query
   * @param options see {@link DnsServerOptions}
   */
  public DnsServer(
      InetAddress bindAddress, int port, DnsQueryHandler handler, DnsServerOptions options) {
    this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
    }
    this.port = port;
    this.options = Objects.requireNonNull(options, "options");
    this.transport = NettyTransport.select(options.preferEpoll());
    this.processor =
        new QueryProcessor(Objects.requireNonNull(handler, "handler"), options, stats, transport);
    this.limiter = new TcpConnectionLimiter(options.maxTcpConnections(), stats);
  }

  /**
   * Same as the {@link InetAddress} form, with the bind address as an IP literal.
   *
   * @throws IllegalArgumentException if {@code bindAddress} is not an IP literal
   */
  public DnsServer(
      String bindAddress, int port, DnsQueryHandler handler, DnsServerOptions options) {
    this(
        IpLiterals.parse(Objects.requireNonNull(bindAddress, "bindAddress"))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "bindAddress: " + bindAddress + " (expected: an IPv4 or IPv6 literal)")),
        port,
        handler,
        options);
  }

  /**
   * Binds UDP and TCP and starts serving.
   *
   * @return this
   * @throws IllegalStateException if already started or a bind fails (the server is then closed)
   */
  public synchronized DnsServer start() {
    if (group != null) {
      throw new IllegalStateException("DnsServer already started");
    }
    int threads =
        options.ioThreads() == 0 ? Runtime.getRuntime().availableProcessors() : options.ioThreads();
    group = new MultiThreadIoEventLoopGroup(threads, transport.ioHandlerFactory());
    try {
      bindSamePort(threads);
    } catch (Exception e) { // sync() rethrows the bind's IOException unchecked
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      close();
      throw new IllegalStateException(
          "DNS bind failed on " + bindAddress.getHostAddress() + ":" + port + ": " + e, e);
    }
    log.info(
        "DNS server listening on {} udp/{} tcp/{} ({}, {} UDP socket(s))",
        bindAddress.getHostAddress(),
        udpPort,
        tcpPort,
        transport.epoll() ? "epoll" : "nio",
        channels.size() - 1);
    return this;
  }

  /**
   * Binds UDP and TCP on one port, so that clients can retry a truncated UDP answer over TCP on the
   * same number. With a fixed port: UDP, then TCP. With port 0: TCP first on a kernel-chosen port
   * (TCP ports are never shared, so no other server holds it), then UDP on that number; if UDP
   * cannot have it, both are released and tried again.
   */
  private void bindSamePort(int threads) throws InterruptedException {
    if (port != 0) {
      bindUdp(threads, port);
      bindTcp(port);
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        int chosen = bindTcp(0);
        bindUdp(threads, chosen);
        return;
      } catch (Exception e) { // Netty's sync() rethrows the bind's checked exception undeclared
        if (e instanceof InterruptedException || attempt >= SAME_PORT_ATTEMPTS) {
          throw e;
        }
        for (Channel c : channels) {
          c.close().syncUninterruptibly();
        }
        channels.clear();
      }
    }
  }

  private void bindUdp(int threads, int udpBindPort) throws InterruptedException {
    int count =
        transport.epoll() ? (options.udpChannels() == 0 ? threads : options.udpChannels()) : 1;
    Bootstrap b =
        new Bootstrap()
            .group(group)
            .channel(transport.datagramChannel())
            .option(ChannelOption.SO_RCVBUF, options.udpReceiveBufferBytes())
            .option(ChannelOption.SO_SNDBUF, options.udpReceiveBufferBytes())
            .option(
                ChannelOption.RECVBUF_ALLOCATOR,
                new FixedRecvByteBufAllocator(options.maxUdpQueryBytes()))
            .handler(
                new ChannelInitializer<DatagramChannel>() {
                  @Override
                  protected void initChannel(DatagramChannel ch) {
                    ch.pipeline().addLast(new UdpQueryHandler(processor, stats));
                  }
                });
    if (count > 1) {
      b.option(EpollChannelOption.SO_REUSEPORT, true);
    }
    if (transport.epoll()) {
      // recvmmsg: up to 16 datagrams per system call, each at most maxUdpQueryBytes
      b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, options.maxUdpQueryBytes())
          .option(
              ChannelOption.RECVBUF_ALLOCATOR,
              new FixedRecvByteBufAllocator(options.maxUdpQueryBytes() * 16));
    }
    Channel first = b.bind(bindAddress, udpBindPort).sync().channel();
    channels.add(first);
    udpPort = ((InetSocketAddress) first.localAddress()).getPort();
    for (int i = 1; i < count; i++) {
      channels.add(b.bind(bindAddress, udpPort).sync().channel());
    }
  }

  /** Binds TCP on {@code tcpBindPort} (0: any free port) and returns the bound port. */
  private int bindTcp(int tcpBindPort) throws InterruptedException {
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(transport.serverSocketChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(limiter)
                        .addLast(
                            new IdleStateHandler(
                                0, 0, options.tcpIdleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                        .addLast(new LengthFieldBasedFrameDecoder(65535 + 2, 0, 2, 0, 2))
                        .addLast(new TcpQueryHandler(processor));
                  }
                });
    Channel ch = b.bind(bindAddress, tcpBindPort).sync().channel();
    channels.add(ch);
    tcpPort = ((InetSocketAddress) ch.localAddress()).getPort();
    return tcpPort;
  }

  /** The bound UDP port (-1 before {@link #start}). */
  public synchronized int udpPort() {
    return udpPort;
  }

  /** The bound TCP port (-1 before {@link #start}). */
  public synchronized int tcpPort() {
    return tcpPort;
  }

  /** The bound UDP address. */
  public InetSocketAddress udpAddress() {
    return new InetSocketAddress(bindAddress, udpPort());
  }

  /** The bound TCP address. */
  public InetSocketAddress tcpAddress() {
    return new InetSocketAddress(bindAddress, tcpPort());
  }

  public DnsServerStats stats() {
    return stats;
  }

  /** Queries currently being answered. */
  public int inFlight() {
    return processor.inFlight();
  }

  /** Open TCP connections. */
  public int tcpConnections() {
    return limiter.open();
  }

  /** True when running on native epoll. */
  public boolean epoll() {
    return transport.epoll();
  }

  /** Closes the sockets and stops the event loops (waits up to a few seconds). */
  @Override
  public synchronized void close() {
    for (Channel ch : channels) {
      ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    channels.clear();
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
      log.info("DNS server on {} port {} stopped", bindAddress.getHostAddress(), udpPort);
    }
  }
}
