package io.dcnet.dns.mesos;

import io.dcnet.dns.records.RecordSet;
import io.dcnet.dns.server.WireQuestion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link MesosAuthority}'s answers for one {@link AuthorityView} in wire form, for plain queries
 * ({@link WireQuestion}: lower-case name, no {@code .*}, class IN). Per (name, type) the answer and
 * additional records are rendered once, on first use, by the same code as the regular path, and
 * kept without their owners; a reply is the query's header and question, then the records with
 * their owners as pointers: answers (shuffled) and SOA/NS to the question at offset 12 (the owner
 * equals the query name for these names), additional records to their SRV target as first written.
 * SOA/NS data is written uncompressed, so a reply is never smaller than the regular path's; when it
 * does not fit the limit, {@link #answer} returns null and the regular path truncates.
 *
 * <p>Only names that exist are cached (at most three entries per name), so random missing names
 * cost nothing but a lookup. ANY goes the regular way.
 *
 * <p>Thread-safe: the caches are concurrent maps of immutable entries; racing builders produce
 * equal entries and the first one stays.
 */
final class MesosWireAnswers {
  private static final int HEADER = 12;
  private static final int MAX_POINTER = 0x3FFF;
  private static final int SRV_TARGET_OFFSET = 16; // type, class, ttl, rdlength, prio, weight, port

  private static final Entry NONE = new Entry(new byte[0][], new int[0], new byte[0][], new int[0]);

  private final AuthorityView view;
  private final MesosAuthority authority;
  private final int ra;
  private final byte[] soa;
  private final byte[] ns;
  private final Map<String, Entry> a = new ConcurrentHashMap<>();
  private final Map<String, Entry> aaaa = new ConcurrentHashMap<>();
  private final Map<String, Entry> srv = new ConcurrentHashMap<>();

  /**
   * The records of one (name, type) without owners, from type to the end of the data. {@code
   * answerGroup[i]} is the target group of SRV answer i (-1 otherwise); {@code extraGroup[j]} the
   * group whose target owns additional record j.
   */
  @SuppressWarnings("ArrayRecordComponent") // internal, never compared
  private record Entry(byte[][] answers, int[] answerGroup, byte[][] extras, int[] extraGroup) {
    int groups() {
      int max = -1;
      for (int g : answerGroup) {
        max = Math.max(max, g);
      }
      return max + 1;
    }
  }

  MesosWireAnswers(AuthorityView view, MesosAuthority authority, boolean recurseOn) {
    this.view = view;
    this.authority = authority;
    this.ra = recurseOn ? 0x80 : 0;
    byte[] soaWire;
    byte[] nsWire;
    try {
      soaWire = withoutOwner(MesosAuthority.soa(Name.root, view));
      nsWire = withoutOwner(MesosAuthority.ns(Name.root, view.soa()));
    } catch (IllegalArgumentException e) { // malformed SOA settings: the regular path reports it
      soaWire = null;
      nsWire = null;
    }
    this.soa = soaWire;
    this.ns = nsWire;
  }

  AuthorityView view() {
    return view;
  }

  /** The reply to {@code q} within {@code limit} bytes, or null for the regular path. */
  byte[] answer(WireQuestion q, int limit) {
    if (soa == null) {
      return null;
    }
    int type = q.qtype();
    String name = q.name();
    Entry e;
    byte[] auth = null;
    switch (type) {
      case Type.A, Type.AAAA, Type.SRV -> e = entry(type, name);
      case Type.SOA -> {
        e = NONE;
        auth = soa;
      }
      case Type.NS -> {
        e = NONE;
        auth = ns;
      }
      case Type.ANY -> e = null;
      default -> e = NONE;
    }
    if (e == null) {
      return null;
    }
    int rcode = Rcode.NOERROR;
    if (e.answers().length == 0 && type != Type.SOA && type != Type.NS && type != Type.SRV) {
      rcode = view.records().exists(name) ? Rcode.NOERROR : Rcode.NXDOMAIN;
      auth = soa;
    }
    return write(q, e, auth, rcode, limit);
  }

  /** Number of cached (name, type) entries. */
  int cached() {
    return a.size() + aaaa.size() + srv.size();
  }

  /** Builds the entries of every name for A, AAAA and SRV now; returns how many were built. */
  int prepareAll() {
    RecordSet rs = view.records();
    List<Map<String, List<String>>> maps = List.of(rs.a(), rs.aaaa(), rs.srv());
    for (Map<String, List<String>> m : maps) {
      for (String name : m.keySet()) {
        entry(Type.A, name);
        entry(Type.AAAA, name);
        entry(Type.SRV, name);
      }
    }
    return cached();
  }

  /** The cached entry, NONE for a missing name, null when the fast form cannot express it. */
  private Entry entry(int type, String name) {
    Map<String, Entry> cache = type == Type.A ? a : type == Type.AAAA ? aaaa : srv;
    Entry e = cache.get(name);
    if (e == null) {
      if (!view.records().exists(name)) {
        return NONE; // not cached: missing names are unbounded
      }
      e = build(type, name);
      Entry earlier = cache.putIfAbsent(name, e);
      if (earlier != null) {
        e = earlier;
      }
    }
    return e.answerGroup() == null ? null : e;
  }

  private Entry build(int type, String name) {
    Entry unusable = new Entry(new byte[0][], null, new byte[0][], null);
    Name owner;
    try {
      owner = Name.fromString(name);
    } catch (TextParseException e) {
      return unusable;
    }
    RecordSet rs = view.records();
    long ttl = view.soa().ttl();
    List<Record> answers = new ArrayList<>();
    List<Record> extras = new ArrayList<>();
    switch (type) {
      case Type.A -> MesosAuthority.addA(rs, name, owner, ttl, answers);
      case Type.AAAA -> MesosAuthority.addAaaa(rs, name, owner, ttl, answers);
      default -> authority.addSrv(rs, name, owner, ttl, answers, extras);
    }
    Map<String, Integer> groups = new HashMap<>();
    byte[][] answerWire = new byte[answers.size()][];
    int[] answerGroup = new int[answers.size()];
    for (int i = 0; i < answerWire.length; i++) {
      Record r = answers.get(i);
      answerWire[i] = withoutOwner(r);
      answerGroup[i] = -1;
      if (r instanceof SRVRecord s) {
        String key = key(s.getTarget());
        Integer g = groups.get(key);
        if (g == null) {
          g = groups.size();
          groups.put(key, g);
        }
        answerGroup[i] = g;
      }
    }
    byte[][] extraWire = new byte[extras.size()][];
    int[] extraGroup = new int[extras.size()];
    for (int j = 0; j < extraWire.length; j++) {
      Integer g = groups.get(key(extras.get(j).getName()));
      if (g == null) {
        return unusable;
      }
      extraWire[j] = withoutOwner(extras.get(j));
      extraGroup[j] = g;
    }
    return new Entry(answerWire, answerGroup, extraWire, extraGroup);
  }

  private byte[] write(WireQuestion q, Entry e, byte[] auth, int rcode, int limit) {
    byte[][] answers = e.answers();
    byte[][] extras = e.extras();
    int size = q.questionEnd();
    for (byte[] b : answers) {
      size += 2 + b.length;
    }
    if (auth != null) {
      size += 2 + auth.length;
    }
    for (byte[] b : extras) {
      size += 2 + b.length;
    }
    if (size > limit || (extras.length > 0 && size > MAX_POINTER)) {
      return null;
    }
    byte[] in = q.wire();
    byte[] out = new byte[size];
    System.arraycopy(in, 0, out, 0, q.questionEnd()); // id, QDCOUNT=1, the question as sent
    out[2] = (byte) (0x84 | (in[2] & 0x01)); // QR, AA; RD copied
    out[3] = (byte) (ra | (in[3] & 0x10) | rcode); // RA; CD copied
    put16(out, 6, answers.length);
    put16(out, 8, auth == null ? 0 : 1);
    put16(out, 10, extras.length);
    int pos = q.questionEnd();
    int[] groupPos = extras.length == 0 ? null : new int[e.groups()];
    int[] order = shuffled(answers.length);
    for (int i : order) {
      pos = pointer(out, pos, HEADER);
      int g = e.answerGroup()[i];
      if (groupPos != null && g >= 0 && groupPos[g] == 0) {
        groupPos[g] = pos + SRV_TARGET_OFFSET;
      }
      pos = copy(answers[i], out, pos);
    }
    if (auth != null) {
      pos = copy(auth, out, pointer(out, pos, HEADER));
    }
    for (int j = 0; j < extras.length; j++) {
      pos = copy(extras[j], out, pointer(out, pos, groupPos[e.extraGroup()[j]]));
    }
    return out;
  }

  private static int[] shuffled(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static int pointer(byte[] out, int pos, int target) {
    out[pos] = (byte) (0xC0 | (target >>> 8));
    out[pos + 1] = (byte) target;
    return pos + 2;
  }

  private static int copy(byte[] b, byte[] out, int pos) {
    System.arraycopy(b, 0, out, pos, b.length);
    return pos + b.length;
  }

  private static void put16(byte[] out, int off, int v) {
    out[off] = (byte) (v >>> 8);
    out[off + 1] = (byte) v;
  }

  private static String key(Name n) {
    return new String(n.toWire(), StandardCharsets.ISO_8859_1);
  }

  /** The record's uncompressed wire form minus its owner: type, class, TTL, length, data. */
  private static byte[] withoutOwner(Record r) {
    byte[] whole = r.toWire(Section.ANSWER);
    int skip = r.getName().length();
    return Arrays.copyOfRange(whole, skip, whole.length);
  }
}
