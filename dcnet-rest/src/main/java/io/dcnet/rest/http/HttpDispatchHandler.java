package io.dcnet.rest.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-connection dispatcher: decodes each aggregated request, routes it, runs the handler (inline
 * or on a worker) and writes the response. Requests on one connection are answered strictly in
 * order (HTTP/1.1 pipelining); at most {@value #MAX_QUEUED} may wait, beyond that the connection is
 * closed.
 *
 * <p>Not thread-safe: one instance per channel, all state owned by the channel's event loop.
 * Blocking handlers hop back to the event loop before writing.
 */
final class HttpDispatchHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(HttpDispatchHandler.class);
  static final int MAX_QUEUED = 16;

  private final HttpRouter router;
  private final HttpHandlerInvoker invoker;
  private final Executor workers;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private boolean busy;
  private boolean closing;

  private record Pending(
      HttpApiRequest request, List<String> segments, boolean keepAlive, HttpVersion version) {}

  HttpDispatchHandler(HttpRouter router, HttpHandlerInvoker invoker, Executor workers) {
    this.router = router;
    this.invoker = invoker;
    this.workers = workers;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest req)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      if (closing) {
        return;
      }
      if (!req.decoderResult().isSuccess()) {
        badRequest(ctx, req.protocolVersion(), "malformed request: " + req.decoderResult().cause());
        return;
      }
      Pending p;
      try {
        HttpRequestDecoding.Decoded d = HttpRequestDecoding.decode(req);
        p =
            new Pending(
                d.request(), d.segments(), HttpUtil.isKeepAlive(req), req.protocolVersion());
      } catch (IllegalArgumentException e) {
        badRequest(ctx, req.protocolVersion(), "bad request: " + e.getMessage());
        return;
      }
      if (queue.size() >= MAX_QUEUED) {
        LOG.debug("{}: more than {} pipelined requests, closing", ctx.channel(), MAX_QUEUED);
        closing = true;
        var unused = ctx.close();
        return;
      }
      queue.add(p);
      drain(ctx);
    } finally {
      req.release();
    }
  }

  private void drain(ChannelHandlerContext ctx) {
    while (!busy && !closing && !queue.isEmpty()) {
      Pending p = queue.poll();
      busy = true;
      switch (router.match(p.request().method(), p.segments())) {
        case HttpRouter.Match.Found f when f.route().blocking() -> runBlocking(ctx, p, f);
        case HttpRouter.Match.Found f ->
            finish(ctx, p, invoker.invoke(f.route(), p.request().withPathParams(f.params())));
        case HttpRouter.Match.MethodNotAllowed m ->
            finish(
                ctx,
                p,
                HttpResponse.error(
                        405,
                        "method not allowed: "
                            + p.request()
                            + " (allowed: "
                            + String.join(", ", m.allowed())
                            + ")")
                    .withHeader("Allow", String.join(", ", m.allowed())));
        case HttpRouter.Match.NotFound n ->
            finish(ctx, p, HttpResponse.error(404, "not found: " + p.request().path()));
      }
    }
  }

  private void runBlocking(ChannelHandlerContext ctx, Pending p, HttpRouter.Match.Found f) {
    try {
      workers.execute(
          () -> {
            HttpResponse r = invoker.invoke(f.route(), p.request().withPathParams(f.params()));
            try {
              ctx.executor()
                  .execute(
                      () -> {
                        finish(ctx, p, r);
                        drain(ctx);
                      });
            } catch (RejectedExecutionException e) {
              LOG.debug("{}: event loop gone, dropping response to {}", ctx.channel(), p.request());
            }
          });
    } catch (RejectedExecutionException e) {
      finish(ctx, p, HttpResponse.error(503, "server is shutting down"));
    }
  }

  private void finish(ChannelHandlerContext ctx, Pending p, HttpResponse r) {
    busy = false;
    FullHttpResponse out = toNetty(p.version(), r);
    if (p.keepAlive() && !closing) {
      if (p.version().equals(HttpVersion.HTTP_1_0)) {
        out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      }
      ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    } else {
      closing = true;
      queue.clear();
      out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private void badRequest(ChannelHandlerContext ctx, HttpVersion version, String message) {
    LOG.debug("{}: {}", ctx.channel(), message);
    closing = true;
    queue.clear();
    FullHttpResponse out = toNetty(version, HttpResponse.error(400, message));
    out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
  }

  private static FullHttpResponse toNetty(HttpVersion version, HttpResponse r) {
    HttpVersion v = version.equals(HttpVersion.HTTP_1_0) ? version : HttpVersion.HTTP_1_1;
    byte[] body = r.bodyUnsafe();
    FullHttpResponse out =
        new DefaultFullHttpResponse(
            v, HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(body));
    if (r.status() != 304) {
      out.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
      out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    }
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      out.headers().set(h.getKey(), h.getValue());
    }
    return out;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent && !busy) {
      LOG.debug("{}: idle, closing", ctx.channel());
      var unused = ctx.close();
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("{}: connection error, closing", ctx.channel(), cause);
    var unused = ctx.close();
  }
}
