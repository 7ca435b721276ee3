package io.dcnet.bench.cluster;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A blocking UDP client for one node's DNS: one A query at a time, built and parsed with dnsjava,
 * each bounded by a receive timeout. Not thread-safe: one probe per polling thread.
 */
final class DnsProbe implements AutoCloseable {
  private final DatagramSocket socket;
  private final InetSocketAddress server;
  private final byte[] buf = new byte[4096];
  private int nextId;

  DnsProbe(String ip, int port, int timeoutMillis) throws IOException {
    this.server = new InetSocketAddress(ip, port);
    this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    socket.setSoTimeout(timeoutMillis);
  }

  /**
   * The addresses of the A records the node answers for {@code name} (empty for NXDOMAIN, NODATA or
   * a timeout; replies with another id, late answers of earlier queries, are skipped).
   */
  List<String> a(String name) throws IOException {
    Message q = Message.newQuery(Record.newRecord(absolute(name), Type.A, DClass.IN));
    int id = nextId++ & 0xffff;
    q.getHeader().setID(id);
    byte[] wire = q.toWire();
    socket.send(new DatagramPacket(wire, wire.length, server));
    List<String> out = new ArrayList<>();
    try {
      while (true) {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        Message m = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
        if (m.getHeader().getID() != id) {
          continue;
        }
        for (Record r : m.getSection(Section.ANSWER)) {
          if (r instanceof ARecord ar) {
            out.add(ar.getAddress().getHostAddress());
          }
        }
        return out;
      }
    } catch (SocketTimeoutException e) {
      return out;
    }
  }

  private static Name absolute(String name) throws TextParseException {
    return Name.fromString(name.endsWith(".") ? name : name + ".");
  }

  @Override
  public void close() {
    socket.close();
  }
}
