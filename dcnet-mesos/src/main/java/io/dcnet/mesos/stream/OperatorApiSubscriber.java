package io.dcnet.mesos.stream;

import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.http.MesosHttpClient;
import io.dcnet.mesos.recordio.RecordIoDecoder;
import io.dcnet.mesos.v1.MasterEvent;
import io.dcnet.mesos.v1.V1Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the master's v1 {@code SUBSCRIBE} event stream and keeps a {@link ClusterSnapshot}.
 *
 * <p>Each (re)subscription tries the masters from the supplier in order ({@code [leaderHint,
 * others...]}), following 307s to the leader. The {@code SUBSCRIBED} snapshot replaces all local
 * state ({@link ClusterChange.Resynced}); later events give the other {@link ClusterChange}s. A
 * stream that ends, fails, sends a bad record, or stays silent for {@code deadStreamHeartbeats}
 * heartbeat intervals is closed and a new subscription is made after a jittered exponential backoff
 * (reset after each successful {@code SUBSCRIBED}).
 *
 * <p>Threading: one owned daemon reader thread ({@code mesos-subscriber}) does all network reads,
 * applies events and calls the listeners, in stream order. {@link #snapshot()}, {@link
 * #resubscribe()} and {@link #close()} are thread-safe; listeners must be added before {@link
 * #start()} or from a listener.
 */
public final class OperatorApiSubscriber implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorApiSubscriber.class);

  private final SubscribeConnector connector;
  private final Supplier<List<String>> masters;
  private final SubscriberOptions options;
  private final Backoff backoff;
  private final List<ClusterListener> listeners = new CopyOnWriteArrayList<>();
  private final ClusterStateTracker tracker = new ClusterStateTracker();
  private final AtomicLong subscriptions = new AtomicLong();
  private final AtomicLong streamFailures = new AtomicLong();
  private volatile ClusterSnapshot snapshot = ClusterSnapshot.EMPTY;
  private volatile ChunkQueue current;
  private volatile boolean closed;
  private volatile boolean streaming;
  private volatile boolean fromFirst;
  private Thread reader;
  private String lastError; // reader thread only: repeated failures are logged once

  /**
   * @param masters supplies {@code [leaderHint, others...]} ({@code ip:port}) at every
   *     (re)subscription, e.g. {@code zkDetector.current()::asList} or a static list
   */
  public OperatorApiSubscriber(
      MesosHttpClient http, Supplier<List<String>> masters, SubscriberOptions options) {
    this.connector = new SubscribeConnector(Objects.requireNonNull(http, "http"));
    this.masters = Objects.requireNonNull(masters, "masters");
    this.options = Objects.requireNonNull(options, "options");
    this.backoff = new Backoff(options.backoffMin(), options.backoffMax(), options.random());
  }

  /** Adds a listener (before start, or from a listener). */
  public void addListener(ClusterListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Starts the reader thread. */
  public synchronized void start() {
    if (reader != null) {
      throw new IllegalStateException("already started");
    }
    reader = new Thread(this::run, "mesos-subscriber");
    reader.setDaemon(true);
    reader.start();
  }

  /** The latest snapshot ({@link ClusterSnapshot#EMPTY} before the first subscription). */
  public ClusterSnapshot snapshot() {
    return snapshot;
  }

  /** Successful subscriptions so far (each one resynced the state). */
  public long subscriptions() {
    return subscriptions.get();
  }

  /**
   * True while a subscribed stream is read: from its {@code SUBSCRIBED} until it ends, fails or is
   * declared dead. While false, {@link #snapshot()} may be stale.
   */
  public boolean streaming() {
    return streaming;
  }

  /**
   * True while {@link #streaming()} from the first master of the list itself, not through a 307 to
   * another one: for a master's own subscriber (the list is just its own Mesos master), that its
   * own Mesos master leads, whatever name the list gives it. Set before the listeners hear of the
   * {@code SUBSCRIBED}.
   */
  public boolean streamingFromFirstMaster() {
    return streaming && fromFirst;
  }

  /** Failed connection attempts and broken streams so far. */
  public long streamFailures() {
    return streamFailures.get();
  }

  /** Drops the current stream (e.g. after ZooKeeper reported a new leader); it is re-made. */
  public void resubscribe() {
    ChunkQueue q = current;
    if (q != null) {
      q.cancel();
    }
  }

  private void run() {
    int attempt = 0;
    while (!closed) {
      try {
        SubscribeConnector.OpenStream stream = connector.open(masters.get());
        current = stream.body();
        if (closed) {
          stream.body().cancel();
          break;
        }
        if (consume(stream)) {
          attempt = 0;
          lastError = null;
        }
      } catch (InterruptedException e) {
        if (closed) {
          break;
        }
        Thread.currentThread().interrupt();
        break;
      } catch (IOException | MesosStateException | RuntimeException e) {
        if (!closed) {
          streamFailures.incrementAndGet();
          String message = String.valueOf(e.getMessage());
          if (message.equals(lastError)) {
            LOG.debug("Mesos event stream (again): {}", message);
          } else {
            LOG.warn("Mesos event stream: {}", message);
            lastError = message;
          }
        }
      } finally {
        streaming = false;
        fromFirst = false;
        ChunkQueue q = current;
        current = null;
        if (q != null) {
          q.cancel();
        }
      }
      if (closed) {
        break;
      }
      Duration delay = backoff.delay(attempt++);
      try {
        options.sleeper().sleep(delay);
      } catch (InterruptedException e) {
        break;
      }
    }
    LOG.debug("Mesos subscriber stopped");
  }

  /**
   * Reads one stream until it ends. Returns true if it delivered SUBSCRIBED (so backoff resets).
   */
  private boolean consume(SubscribeConnector.OpenStream stream)
      throws IOException, MesosStateException, InterruptedException {
    RecordIoDecoder decoder = new RecordIoDecoder();
    Duration idle = options.idleTimeoutWithoutHeartbeat();
    boolean subscribed = false;
    while (!closed) {
      ChunkQueue.Item item = stream.body().poll(idle);
      switch (item) {
        case null -> {
          streamFailures.incrementAndGet();
          LOG.warn(
              "Mesos event stream from {}: no bytes for {}; resubscribing", stream.uri(), idle);
          return subscribed;
        }
        case ChunkQueue.End end -> {
          if (!closed) {
            streamFailures.incrementAndGet();
            LOG.warn("Mesos event stream from {} ended; resubscribing", stream.uri());
          }
          return subscribed;
        }
        case ChunkQueue.Failed f ->
            throw new IOException(
                "stream from " + stream.uri() + " failed: " + f.error().getMessage(), f.error());
        case ChunkQueue.Data d -> {
          for (byte[] record : decoder.decode(d.bytes())) {
            if (record.length == 0) {
              continue;
            }
            MasterEvent event = V1Json.parseEvent(record);
            if (event instanceof MasterEvent.Subscribed s) {
              idle = idleLimit(s.heartbeatIntervalSeconds());
              subscribed = true;
              ClusterChange.Resynced r = tracker.resync(s.state(), stream.leaderPid());
              fromFirst = stream.fromFirst();
              LOG.info(
                  "subscribed to Mesos events at {}: {} agents, {} frameworks, {} tasks",
                  stream.uri(),
                  r.snapshot().agents().size(),
                  r.snapshot().frameworks().size(),
                  r.snapshot().tasks().size());
              streaming = true;
              publish(List.of(r));
              subscriptions.incrementAndGet(); // after the snapshot is visible
            } else if (!subscribed) {
              throw new MesosStateException(
                  "event stream from " + stream.uri() + ": first event is not SUBSCRIBED");
            } else {
              publish(tracker.apply(event));
            }
          }
        }
      }
    }
    return subscribed;
  }

  private Duration idleLimit(double heartbeatSeconds) {
    if (!(heartbeatSeconds > 0)) {
      return options.idleTimeoutWithoutHeartbeat();
    }
    return Duration.ofNanos((long) (heartbeatSeconds * 1e9 * options.deadStreamHeartbeats()));
  }

  private void publish(List<? extends ClusterChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    ClusterSnapshot after = tracker.snapshot();
    snapshot = after;
    for (ClusterChange c : changes) {
      for (ClusterListener l : listeners) {
        try {
          l.onChange(c, after);
        } catch (RuntimeException e) {
          LOG.warn(
              "cluster listener {} failed on {}: {}",
              l,
              c.getClass().getSimpleName(),
              e.toString(),
              e);
        }
      }
    }
  }

  /** Stops the reader thread and drops the stream; waits up to 5 s for the thread to end. */
  @Override
  public void close() {
    closed = true;
    resubscribe();
    Thread t;
    synchronized (this) {
      t = reader;
    }
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
