package io.dcnet.dns.records;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable set of authoritative records in Mesos-DNS's model: three maps from a fully qualified
 * name (lower case, trailing dot; Mesos-DNS's legacy DiscoveryInfo names may keep upper case) to
 * values in insertion order, without duplicates.
 *
 * <ul>
 *   <li>{@code a}: IPv4 address text, e.g. {@code 10.0.0.1}
 *   <li>{@code aaaa}: IPv6 address text
 *   <li>{@code srv}: {@code target:port}, where target is a fully qualified name with trailing dot,
 *       e.g. {@code web-9rtru-s0.marathon.slave.mesos.:31000}
 * </ul>
 *
 * <p>Thread-safe: immutable once built; a refresh builds a new one and swaps it in.
 */
public final class RecordSet {
  private static final RecordSet EMPTY = new Builder().build();

  private final Map<String, List<String>> a;
  private final Map<String, List<String>> aaaa;
  private final Map<String, List<String>> srv;

  private RecordSet(Builder b) {
    this.a = freeze(b.a);
    this.aaaa = freeze(b.aaaa);
    this.srv = freeze(b.srv);
  }

  public static RecordSet empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Map<String, List<String>> a() {
    return a;
  }

  public Map<String, List<String>> aaaa() {
    return aaaa;
  }

  public Map<String, List<String>> srv() {
    return srv;
  }

  /** Values of {@code name} in {@code map}, or an empty list. */
  public static List<String> get(Map<String, List<String>> map, String name) {
    List<String> v = map.get(name);
    return v == null ? List.of() : v;
  }

  /** True if the name has any A, AAAA or SRV record (the NODATA-vs-NXDOMAIN rule). */
  public boolean exists(String name) {
    return a.containsKey(name) || aaaa.containsKey(name) || srv.containsKey(name);
  }

  /** Total number of values across the three maps. */
  public int size() {
    return count(a) + count(aaaa) + count(srv);
  }

  private static int count(Map<String, List<String>> m) {
    return m.values().stream().mapToInt(List::size).sum();
  }

  private static Map<String, List<String>> freeze(Map<String, LinkedHashSet<String>> m) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return java.util.Collections.unmodifiableMap(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordSet r && a.equals(r.a) && aaaa.equals(r.aaaa) && srv.equals(r.srv);
  }

  @Override
  public int hashCode() {
    return Objects.hash(a, aaaa, srv);
  }

  @Override
  public String toString() {
    return "RecordSet{a=" + a + ", aaaa=" + aaaa + ", srv=" + srv + "}";
  }

  /** Accumulates records; a value already present under a name is not added again. */
  public static final class Builder {
    private final Map<String, LinkedHashSet<String>> a = new LinkedHashMap<>();
    private final Map<String, LinkedHashSet<String>> aaaa = new LinkedHashMap<>();
    private final Map<String, LinkedHashSet<String>> srv = new LinkedHashMap<>();

    /** Returns true if the value was new for that name. */
    public boolean addA(String name, String ip) {
      return add(a, name, ip);
    }

    public boolean addAaaa(String name, String ip) {
      return add(aaaa, name, ip);
    }

    public boolean addSrv(String name, String targetAndPort) {
      return add(srv, name, targetAndPort);
    }

    /** True if {@code value} is already stored under {@code name} in any map. */
    public boolean contains(String name, String value) {
      Set<String> s1 = a.get(name);
      Set<String> s2 = aaaa.get(name);
      Set<String> s3 = srv.get(name);
      return (s1 != null && s1.contains(value))
          || (s2 != null && s2.contains(value))
          || (s3 != null && s3.contains(value));
    }

    private static boolean add(Map<String, LinkedHashSet<String>> m, String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      return m.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(value);
    }

    public RecordSet build() {
      return new RecordSet(this);
    }
  }
}
