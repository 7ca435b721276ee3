package io.dcnet.dns.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Raw-socket DNS client for tests: exact bytes in and out, with timeouts. */
public final class DnsTestClient {
  private DnsTestClient() {}

  public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  public static Message query(String name, int type) {
    try {
      return Message.newQuery(Record.newRecord(Name.fromString(name), type, 1));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static Message queryA(String name) {
    return query(name, Type.A);
  }

  /** Sends one datagram and returns the first reply, or null after {@code timeoutMs}. */
  public static byte[] udp(InetSocketAddress server, byte[] wire, int timeoutMs)
      throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      s.setSoTimeout(timeoutMs);
      s.send(new DatagramPacket(wire, wire.length, server));
      byte[] buf = new byte[65535];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        s.receive(p);
      } catch (java.net.SocketTimeoutException e) {
        return null;
      }
      return Arrays.copyOf(buf, p.getLength());
    }
  }

  public static Message udp(InetSocketAddress server, Message query) throws IOException {
    byte[] r = udp(server, query.toWire(), 3000);
    if (r == null) {
      throw new IOException("no UDP reply from " + server);
    }
    return new Message(r);
  }

  /** Sends one length-framed query on a new connection and reads one framed reply. */
  public static byte[] tcp(InetSocketAddress server, byte[] wire) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(server, 3000);
      s.setSoTimeout(3000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeShort(wire.length);
      out.write(wire);
      out.flush();
      return readFrame(new DataInputStream(s.getInputStream()));
    }
  }

  public static Message tcp(InetSocketAddress server, Message query) throws IOException {
    return new Message(tcp(server, query.toWire()));
  }

  public static byte[] readFrame(DataInputStream in) throws IOException {
    int len = in.readUnsignedShort();
    byte[] b = new byte[len];
    in.readFully(b);
    return b;
  }
}
