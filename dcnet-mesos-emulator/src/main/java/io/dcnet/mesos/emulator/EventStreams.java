package io.dcnet.mesos.emulator;

import io.dcnet.mesos.v1.RecordIo;
import io.dcnet.mesos.v1.V1Json;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * The open {@code SUBSCRIBE} streams. Events are queued per stream by {@link #publish} and written
 * by the HTTP handler thread serving that stream ({@link #serve}), which also sends a {@code
 * HEARTBEAT} whenever nothing was written for one interval. While stalled, nothing at all is
 * written (events stay queued); the connection stays open.
 *
 * <p>Thread-safe: {@code publish}, {@code endAll} and {@code setStalled} may be called from any
 * thread; each stream is written only by its handler thread.
 */
final class EventStreams {
  private static final Object END = new Object();

  private final Duration heartbeat;
  private final Set<Stream> open = ConcurrentHashMap.newKeySet();
  private final Object stallLock = new Object();
  private boolean stalled; // guarded by stallLock

  EventStreams(Duration heartbeat) {
    this.heartbeat = heartbeat;
  }

  /** One subscriber's queue of RecordIO frames. */
  static final class Stream {
    private final LinkedBlockingDeque<Object> queue = new LinkedBlockingDeque<>();
    private volatile boolean ended;
  }

  /**
   * Registers a new stream whose first event is {@code subscribed}. Call it under the same lock as
   * {@link #publish} so that no event falls between the snapshot and the live events.
   */
  Stream open(byte[] subscribed) {
    Stream s = new Stream();
    s.queue.add(RecordIo.frame(subscribed));
    open.add(s);
    return s;
  }

  void publish(byte[] event) {
    byte[] frame = RecordIo.frame(event);
    for (Stream s : open) {
      s.queue.add(frame);
    }
  }

  /** Ends every open stream: each handler finishes the response and closes it. */
  void endAll() {
    for (Stream s : open) {
      end(s);
    }
  }

  int openCount() {
    return open.size();
  }

  void setStalled(boolean value) {
    synchronized (stallLock) {
      stalled = value;
      stallLock.notifyAll();
    }
  }

  private void end(Stream s) {
    open.remove(s);
    s.ended = true;
    s.queue.addFirst(END);
    synchronized (stallLock) {
      stallLock.notifyAll();
    }
  }

  /**
   * Writes the stream until it is ended or the client goes away. Runs on the handler thread.
   *
   * @throws IOException when the client disconnected
   */
  void serve(Stream s, OutputStream out) throws IOException, InterruptedException {
    try {
      long nextBeat = System.nanoTime() + heartbeat.toNanos();
      while (!s.ended) {
        if (awaitUnstalled(s)) {
          nextBeat = System.nanoTime() + heartbeat.toNanos();
        }
        long wait = Math.max(0, nextBeat - System.nanoTime());
        Object item = s.queue.pollFirst(wait, TimeUnit.NANOSECONDS);
        if (item == END || s.ended) {
          return;
        }
        if (isStalled()) {
          if (item != null) {
            s.queue.addFirst(item);
          }
          continue;
        }
        byte[] frame = item == null ? RecordIo.frame(V1Json.renderHeartbeat()) : (byte[]) item;
        out.write(frame);
        out.flush();
        nextBeat = System.nanoTime() + heartbeat.toNanos();
      }
    } finally {
      open.remove(s);
    }
  }

  private boolean isStalled() {
    synchronized (stallLock) {
      return stalled;
    }
  }

  /** Blocks while stalled; returns whether it had to wait. */
  private boolean awaitUnstalled(Stream s) throws InterruptedException {
    synchronized (stallLock) {
      boolean waited = false;
      while (stalled && !s.ended) {
        stallLock.wait();
        waited = true;
      }
      return waited;
    }
  }
}
