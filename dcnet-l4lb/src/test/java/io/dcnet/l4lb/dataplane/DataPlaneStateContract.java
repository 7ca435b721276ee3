package io.dcnet.l4lb.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.l4lb.model.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The part of the {@link L4DataPlane} contract every implementation passes, fakes included: what
 * {@code sync} installs is what {@code installed} reads back. Subclasses create data planes; the
 * suite closes them.
 */
public abstract class DataPlaneStateContract {
  private final List<L4DataPlane> made = new ArrayList<>();

  /** Makes a data plane over the same underlying system each call (same kernel table, ...). */
  protected abstract L4DataPlane create() throws Exception;

  /** An IPv4 address usable as a VIP ({@code i} from 0 to 2999). */
  protected InetAddress vip4(int i) {
    return ip(new byte[] {11, 0, (byte) (i >> 8), (byte) i});
  }

  /** An IPv6 address usable as a VIP ({@code i} from 0 to 2999). */
  protected InetAddress vip6(int i) {
    byte[] b = new byte[16];
    b[0] = (byte) 0xfd;
    b[1] = 0x01;
    b[3] = 0x0c;
    b[14] = (byte) (i >> 8);
    b[15] = (byte) i;
    return ip(b);
  }

  private L4DataPlane make() throws Exception {
    L4DataPlane dp = create();
    made.add(dp);
    return dp;
  }

  @AfterEach
  void closeAll() {
    made.forEach(L4DataPlane::close);
  }

  @Test
  void syncOfEmptyReadsBackEmpty() throws Exception {
    L4DataPlane dp = make();
    dp.sync(L4Snapshot.empty());
    assertThat(dp.installed()).isEqualTo(L4Snapshot.empty());
  }

  @Test
  void installsExactlyTheSnapshotAndReadsItBack() throws Exception {
    L4DataPlane dp = make();
    L4Snapshot s = sample();
    dp.sync(s);
    assertThat(dp.installed()).isEqualTo(s);
    assertThat(dp.quickCheck()).as("quick check after a sync finds nothing").isEmpty();
    dp.sync(s);
    assertThat(dp.installed()).as("idempotent").isEqualTo(s);
  }

  @Test
  void changesDestinationsWeightsAndServices() throws Exception {
    L4DataPlane dp = make();
    L4Snapshot s = sample();
    dp.sync(s);
    ServiceKey web = new ServiceKey(Protocol.TCP, vip4(1), 80);
    L4Snapshot changed =
        s.with(web, List.of(dest("10.9.0.1", 8080, 0), dest("10.9.0.7", 8081, 1)))
            .without(new ServiceKey(Protocol.UDP, vip4(2), 53))
            .with(new ServiceKey(Protocol.TCP, vip4(3), 443), List.of(dest("10.9.0.9", 8443, 2)));
    dp.sync(changed);
    assertThat(dp.installed()).isEqualTo(changed);
    assertThat(dp.quickCheck()).as("quick check after a change").isEmpty();
    dp.sync(L4Snapshot.empty());
    assertThat(dp.installed()).isEqualTo(L4Snapshot.empty());
    assertThat(dp.quickCheck()).as("quick check after emptying").isEmpty();
  }

  @Test
  void aNewInstanceTakesOverLeftoverState() throws Exception {
    L4DataPlane first = make();
    first.sync(sample());
    L4DataPlane second = make();
    L4Snapshot other =
        L4Snapshot.empty()
            .with(new ServiceKey(Protocol.TCP, vip4(7), 7000), List.of(dest("10.9.0.3", 7001, 1)));
    second.sync(other);
    assertThat(second.installed()).isEqualTo(other);
  }

  @Test
  void closeRemovesEverything() throws Exception {
    L4DataPlane dp = make();
    dp.sync(sample());
    dp.close();
    L4DataPlane after = make();
    assertThat(after.installed()).isEqualTo(L4Snapshot.empty());
  }

  @Test
  void installsAThousandServices() throws Exception {
    TreeMap<ServiceKey, List<Destination>> many = new TreeMap<>();
    for (int i = 0; i < 1000; i++) {
      many.put(
          new ServiceKey(Protocol.TCP, vip4(100 + i), 80),
          List.of(
              dest("10.8." + (i / 250) + "." + (i % 250 + 1), 8080, 1),
              dest("10.7." + (i / 250) + "." + (i % 250 + 1), 8080, 1)));
    }
    L4Snapshot big = new L4Snapshot(many);
    L4DataPlane dp = make();
    dp.sync(big);
    assertThat(dp.installed()).isEqualTo(big);
  }

  /** TCP and UDP, IPv4 and IPv6, weights 0, 1 and 3, a service without destinations. */
  protected L4Snapshot sample() {
    return L4Snapshot.empty()
        .with(
            new ServiceKey(Protocol.TCP, vip4(1), 80),
            List.of(
                dest("10.9.0.1", 8080, 1), dest("10.9.0.2", 8080, 3), dest("10.9.0.3", 31000, 0)))
        .with(new ServiceKey(Protocol.UDP, vip4(2), 53), List.of(dest("10.9.0.4", 5353, 1)))
        .with(new ServiceKey(Protocol.TCP, vip4(2), 53), List.of(dest("10.9.0.4", 5353, 1)))
        .with(
            new ServiceKey(Protocol.TCP, vip6(1), 80),
            List.of(dest("fd00:9::1", 8080, 1), dest("fd00:9::2", 8080, 1)))
        .with(new ServiceKey(Protocol.UDP, vip6(2), 5000), List.of(dest("fd00:9::3", 5001, 1)))
        .with(new ServiceKey(Protocol.TCP, vip4(4), 9000), List.of());
  }

  protected static Destination dest(String ip, int port, int weight) {
    return new Destination(ip(ip), port, weight);
  }

  protected static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  private static InetAddress ip(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
