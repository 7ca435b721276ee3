package io.dcnet.mesos.stream;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Bridges an HTTP response body publisher to the reader thread: the HTTP client pushes chunks here,
 * the reader polls with a timeout (which is how the dead-stream rule is checked). Requests one
 * chunk at a time, so at most a couple of chunks are buffered.
 *
 * <p>Thread-safe: {@code on*} methods run on HTTP client threads; {@link #poll} and {@link #cancel}
 * on the reader (cancel also from {@code close()}).
 */
final class ChunkQueue implements Flow.Subscriber<List<ByteBuffer>> {
  /** What the reader gets. */
  sealed interface Item {}

  /** Body bytes (owned by the reader once queued). */
  @SuppressWarnings("ArrayRecordComponent")
  record Data(byte[] bytes) implements Item {}

  /** The body ended normally. */
  record End() implements Item {}

  /** The body failed. */
  record Failed(Throwable error) implements Item {}

  private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelled;

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (cancelled) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    int size = 0;
    for (ByteBuffer b : buffers) {
      size += b.remaining();
    }
    byte[] bytes = new byte[size];
    int at = 0;
    for (ByteBuffer b : buffers) {
      int n = b.remaining();
      b.get(bytes, at, n);
      at += n;
    }
    queue.add(new Data(bytes));
  }

  @Override
  public void onError(Throwable error) {
    queue.add(new Failed(error));
  }

  @Override
  public void onComplete() {
    queue.add(new End());
  }

  /** The next item, or null when nothing arrived within {@code timeout}. */
  Item poll(Duration timeout) throws InterruptedException {
    Item item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (item instanceof Data) {
      Flow.Subscription s = subscription;
      if (s != null && !cancelled) {
        s.request(1);
      }
    }
    return item;
  }

  /** Stops the body; the connection is dropped. Idempotent. */
  void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    queue.add(new End());
  }
}
