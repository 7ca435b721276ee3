package io.dcnet.l4lb.proxy;

import io.dcnet.l4lb.dataplane.DataPlaneException;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The userspace L4 data plane: a Netty proxy with one listener per virtual service, bound on the
 * VIP address and port (TCP server channel or UDP channel), for nodes without root or nftables. New
 * connections go to the destination with the least outstanding connections of two drawn at random
 * (see {@link DestinationTable}).
 *
 * <ul>
 *   <li>{@link #sync} closes the listeners of removed services (and every connection and session
 *       they proxy), swaps the destination tables of kept services (open connections continue,
 *       whatever their destination's new weight), and binds listeners for new services. A bind
 *       failure does not stop the other services: they are installed, and the sync then throws a
 *       {@link DataPlaneException} naming each service that failed, so the control loop retries. A
 *       listener that died since the last sync is re-bound.
 *   <li>{@link #installed} lists the listeners that are really bound, with their current tables.
 *   <li>The VIP addresses must be local to be reachable (see {@link LocalVipRoutes}); with native
 *       epoll and {@link ProxyOptions#freeBind} the bind succeeds before they are.
 *   <li>State belongs to this object: a new instance starts empty; listeners of an earlier process
 *       died with it.
 * </ul>
 *
 * <p>Thread-safety: {@code sync}, {@code installed} and {@code close} are synchronized (the
 * contract calls them from one thread at a time); the relaying runs on this plane's own event
 * loops.
 */
public final class ProxyDataPlane implements L4DataPlane {
  private static final Logger log = LoggerFactory.getLogger(ProxyDataPlane.class);
  private static final int MAX_ERRORS_IN_MESSAGE = 5;

  private final ProxyOptions options;
  private final ProxyContext context;
  private final Map<ServiceKey, ServiceListener> listeners = new TreeMap<>();
  private boolean closed;

  /** A data plane with its own event loops; call {@link #close} to release them. */
  public ProxyDataPlane(ProxyOptions options) {
    this.options = options;
    ProxyTransport transport = ProxyTransport.select(options.preferEpoll());
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            options.ioThreads(),
            new DefaultThreadFactory("dcnet-l4lb-proxy", true),
            transport.ioHandlerFactory());
    this.context = new ProxyContext(transport, group, options, new ProxyStats());
  }

  /** A data plane with {@link ProxyOptions#defaults()}. */
  public static ProxyDataPlane create() {
    return new ProxyDataPlane(ProxyOptions.defaults());
  }

  @Override
  public String kind() {
    return "userspace";
  }

  /** Counters of this data plane. */
  public ProxyStats stats() {
    return context.stats();
  }

  /** True when the event loops are native epoll (and free bind is possible). */
  public boolean usesEpoll() {
    return context.transport().epoll();
  }

  @Override
  public synchronized void sync(L4Snapshot desired) throws DataPlaneException {
    if (closed) {
      throw new DataPlaneException("userspace data plane: closed");
    }
    Map<ServiceKey, List<Destination>> want = desired.services();
    closeListeners(want);
    for (Map.Entry<ServiceKey, ServiceListener> e : listeners.entrySet()) {
      List<Destination> next = want.get(e.getKey());
      if (!next.equals(e.getValue().table().destinations())) {
        e.getValue().replaceDestinations(next);
        log.debug("{}: destinations now {}", e.getKey(), next);
      }
    }
    Map<ServiceListener, ChannelFuture> binding = new LinkedHashMap<>();
    for (Map.Entry<ServiceKey, List<Destination>> e : want.entrySet()) {
      if (!listeners.containsKey(e.getKey())) {
        ServiceListener l = ServiceListener.create(e.getKey(), e.getValue(), context);
        binding.put(l, l.bind());
      }
    }
    List<String> errors = new ArrayList<>();
    long deadline = System.nanoTime() + options.bindTimeout().toNanos();
    for (Map.Entry<ServiceListener, ChannelFuture> e : binding.entrySet()) {
      ServiceListener l = e.getKey();
      ChannelFuture f = e.getValue();
      long left = Math.max(0, deadline - System.nanoTime());
      if (f.awaitUninterruptibly(left, TimeUnit.NANOSECONDS) && f.isSuccess()) {
        listeners.put(l.key(), l);
        log.info("{}: listening, {} destinations", l.key(), l.table().destinations().size());
      } else {
        String why = f.isDone() ? String.valueOf(f.cause()) : "no bind within the bind timeout";
        errors.add(l.key() + ": " + why);
        l.close().awaitUninterruptibly(options.bindTimeout().toMillis());
      }
    }
    if (!errors.isEmpty()) {
      errors.forEach(e -> log.warn("cannot bind {}", e));
      throw new DataPlaneException(
          "userspace: cannot bind "
              + errors.size()
              + " of "
              + want.size()
              + " services: "
              + String.join("; ", errors.subList(0, Math.min(MAX_ERRORS_IN_MESSAGE, errors.size())))
              + (errors.size() > MAX_ERRORS_IN_MESSAGE ? "; ..." : ""));
    }
  }

  /** Closes listeners not in {@code want}, and dead ones (re-bound afterwards). */
  private void closeListeners(Map<ServiceKey, List<Destination>> want) throws DataPlaneException {
    List<Future<Void>> closing = new ArrayList<>();
    Iterator<ServiceListener> it = listeners.values().iterator();
    while (it.hasNext()) {
      ServiceListener l = it.next();
      boolean removed = !want.containsKey(l.key());
      if (removed || !l.isBound()) {
        closing.add(l.close());
        it.remove();
        if (removed) {
          log.info("{}: closed", l.key());
        } else {
          log.warn("{}: listener died; binding it again", l.key());
        }
      }
    }
    long deadline = System.nanoTime() + options.bindTimeout().toNanos();
    for (Future<Void> f : closing) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!f.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
        throw new DataPlaneException("userspace: listeners not closed within the bind timeout");
      }
    }
  }

  @Override
  public synchronized L4Snapshot installed() {
    TreeMap<ServiceKey, List<Destination>> out = new TreeMap<>();
    for (ServiceListener l : listeners.values()) {
      if (l.isBound()) {
        out.put(l.key(), l.table().destinations());
      }
    }
    return new L4Snapshot(out);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Future<Void>> closing = new ArrayList<>();
    listeners.values().forEach(l -> closing.add(l.close()));
    listeners.clear();
    closing.forEach(f -> f.awaitUninterruptibly(options.bindTimeout().toMillis()));
    context
        .group()
        .shutdownGracefully(0, options.bindTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(options.bindTimeout().toMillis());
  }
}
