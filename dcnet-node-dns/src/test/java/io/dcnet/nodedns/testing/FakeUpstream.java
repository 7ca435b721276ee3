package io.dcnet.nodedns.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A tiny upstream resolver for tests: UDP and TCP on 127.0.0.1 (same ephemeral port), answering
 * every query with {@code answerer}, optionally after a delay; a "dead" upstream reads queries and
 * never answers. Counts queries per transport.
 *
 * <p>Thread-safe; owns its threads until {@link #close}.
 */
public final class FakeUpstream implements AutoCloseable {
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Function<Message, Message> answerer;
  private final Duration delay;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger udpQueries = new AtomicInteger();
  private final AtomicInteger tcpQueries = new AtomicInteger();
  private volatile boolean closed;

  private FakeUpstream(Function<Message, Message> answerer, Duration delay) throws IOException {
    this.answerer = answerer;
    this.delay = delay;
    DatagramSocket u = null;
    ServerSocket t = null;
    for (int attempt = 0; attempt < 32 && t == null; attempt++) {
      u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try {
        t = new ServerSocket(u.getLocalPort(), 50, InetAddress.getLoopbackAddress());
      } catch (IOException e) {
        u.close();
      }
    }
    if (t == null) {
      throw new IOException("no common free port");
    }
    this.udp = u;
    this.tcp = t;
    threads.execute(this::udpLoop);
    threads.execute(this::acceptLoop);
  }

  /** Answers with {@code answerer} (null = never answer). */
  public static FakeUpstream start(Function<Message, Message> answerer, Duration delay)
      throws IOException {
    return new FakeUpstream(answerer, delay);
  }

  /** Answers every query with one A record {@code ip}. */
  public static FakeUpstream answering(String ip) throws IOException {
    return start(q -> withA(q, ip, 1), Duration.ZERO);
  }

  /** Reads queries and never answers. */
  public static FakeUpstream dead() throws IOException {
    return start(null, Duration.ZERO);
  }

  /** A reply to {@code q} with {@code count} A records starting at {@code ip} (last octet + i). */
  public static Message withA(Message q, String ip, int count) {
    Message r = new Message(q.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setFlag(Flags.RA);
    r.addRecord(q.getQuestion(), Section.QUESTION);
    try {
      byte[] base = InetAddress.getByName(ip).getAddress();
      for (int i = 0; i < count; i++) {
        byte[] a = base.clone();
        a[3] = (byte) (a[3] + i);
        a[2] = (byte) (a[2] + (i >> 8));
        Record rec =
            new ARecord(q.getQuestion().getName(), DClass.IN, 60, InetAddress.getByAddress(a));
        r.addRecord(rec, Section.ANSWER);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    return r;
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort());
  }

  public int udpQueries() {
    return udpQueries.get();
  }

  public int tcpQueries() {
    return tcpQueries.get();
  }

  public int queries() {
    return udpQueries.get() + tcpQueries.get();
  }

  private void udpLoop() {
    byte[] buf = new byte[65535];
    while (!closed) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(p);
      } catch (IOException e) {
        return;
      }
      udpQueries.incrementAndGet();
      Message reply = reply(buf, p.getLength());
      if (reply == null) {
        continue;
      }
      byte[] out = reply.toWire();
      InetSocketAddress to = (InetSocketAddress) p.getSocketAddress();
      later(
          () -> {
            try {
              udp.send(new DatagramPacket(out, out.length, to));
            } catch (IOException ignored) {
              // closed
            }
          });
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = tcp.accept();
      } catch (IOException e) {
        return;
      }
      threads.execute(() -> serve(s));
    }
  }

  private void serve(Socket s) {
    try (s) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      while (!closed) {
        int len = in.readUnsignedShort();
        byte[] q = in.readNBytes(len);
        tcpQueries.incrementAndGet();
        Message reply = reply(q, q.length);
        if (reply == null) {
          continue;
        }
        byte[] wire = reply.toWire();
        later(
            () -> {
              synchronized (out) {
                try {
                  out.writeShort(wire.length);
                  out.write(wire);
                  out.flush();
                } catch (IOException ignored) {
                  // client gone
                }
              }
            });
      }
    } catch (IOException e) {
      // client closed
    }
  }

  private void later(Runnable r) {
    if (delay.isZero()) {
      r.run();
    } else {
      timer.schedule(r, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private Message reply(byte[] buf, int len) {
    if (answerer == null) {
      return null;
    }
    try {
      byte[] copy = java.util.Arrays.copyOf(buf, len);
      return answerer.apply(new Message(copy));
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    try {
      tcp.close();
    } catch (IOException ignored) {
      // closing
    }
    threads.shutdownNow();
    timer.shutdownNow();
  }
}
