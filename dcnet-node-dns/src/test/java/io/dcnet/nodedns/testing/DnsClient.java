package io.dcnet.nodedns.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Blocking DNS client for tests over raw sockets (no automatic TCP retry, unlike dnsjava's
 * resolvers, so truncation is visible).
 *
 * <p>Stateless; thread-safe.
 */
public final class DnsClient {
  private DnsClient() {}

  /** A recursive query for {@code name}/{@code type}. */
  public static Message query(String name, int type) {
    Name n = Name.fromConstantString(name.endsWith(".") ? name : name + ".");
    Message m = Message.newQuery(Record.newRecord(n, type, DClass.IN));
    m.getHeader().setFlag(Flags.RD);
    return m;
  }

  /** A query with a given id. */
  public static Message query(String name, int type, int id) {
    Message m = query(name, type);
    m.getHeader().setID(id);
    return m;
  }

  public static Message udp(InetSocketAddress server, Message q, Duration timeout)
      throws IOException {
    return new Message(udpRaw(server, q.toWire(), timeout));
  }

  public static Message udp(InetSocketAddress server, Message q) throws IOException {
    return udp(server, q, Duration.ofSeconds(5));
  }

  /** Sends raw bytes and waits for one datagram. */
  public static byte[] udpRaw(InetSocketAddress server, byte[] wire, Duration timeout)
      throws IOException {
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout((int) timeout.toMillis());
      s.send(new DatagramPacket(wire, wire.length, server));
      byte[] buf = new byte[65535];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      s.receive(p);
      return java.util.Arrays.copyOf(buf, p.getLength());
    }
  }

  public static Message tcp(InetSocketAddress server, Message q) throws IOException {
    return tcpPipelined(server, List.of(q)).get(0);
  }

  /** Writes every query on one connection before reading the replies (in arrival order). */
  public static List<Message> tcpPipelined(InetSocketAddress server, List<Message> queries)
      throws IOException {
    try (Socket s = new Socket()) {
      s.connect(server, 5000);
      s.setSoTimeout(5000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      for (Message q : queries) {
        byte[] w = q.toWire();
        out.writeShort(w.length);
        out.write(w);
      }
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      List<Message> replies = new ArrayList<>();
      for (int i = 0; i < queries.size(); i++) {
        int len = in.readUnsignedShort();
        replies.add(new Message(in.readNBytes(len)));
      }
      return replies;
    }
  }
}
