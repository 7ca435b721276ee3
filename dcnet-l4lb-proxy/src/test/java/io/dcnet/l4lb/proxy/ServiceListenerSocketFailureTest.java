package io.dcnet.l4lb.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Protocol;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A listening socket that cannot even be created (no file descriptor left, say) fails the bind
 * future, and closing the listener afterwards still works: Netty hands back a placeholder channel
 * for such a failure, which must not end up among the channels {@code close()} closes.
 */
class ServiceListenerSocketFailureTest {
  @Test
  void aSocketThatCannotBeCreatedFailsTheBindAndCloseStillWorks() throws Exception {
    ProxyTransport transport = ProxyTransport.select(true);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
    try {
      ProxyContext context =
          new ProxyContext(transport, group, ProxyOptions.defaults(), new ProxyStats());
      ServiceKey key = new ServiceKey(Protocol.TCP, IpLiterals.parse("127.0.0.1").orElseThrow(), 1);
      ServiceListener listener =
          new ServiceListener(key, List.of(), context) {
            @Override
            AbstractBootstrap<?, ?> bootstrap() {
              return new ServerBootstrap()
                  .group(group)
                  .channelFactory(
                      () -> {
                        throw new IllegalStateException("socket: Too many open files");
                      })
                  .childHandler(new ChannelInboundHandlerAdapter());
            }
          };

      ChannelFuture bound = listener.bind();

      assertThat(bound.await(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      assertThat(bound.isSuccess()).isFalse();
      assertThat(bound.cause()).hasMessageContaining("Too many open files");
      assertThat(listener.isBound()).isFalse();
      assertThat(listener.close().await(5, TimeUnit.SECONDS)).isTrue();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
