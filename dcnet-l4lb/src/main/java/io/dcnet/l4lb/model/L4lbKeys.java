package io.dcnet.l4lb.model;

import io.dcnet.state.StateKey;
import io.dcnet.state.StateKeys;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The cluster-state keys of the L4 load balancer (see dcnet-state's key layout).
 *
 * <ul>
 *   <li>{@code l4lb/vips/00} … {@code l4lb/vips/15}: field = agent node id, value {@link AgentVips}
 *       (that agent's backends of the VIPs hashing to the bucket), written by that agent only.
 *   <li>{@code l4lb/names}: field = named-VIP name, value {@link NamedVipAddress}, written by the
 *       master that holds the allocator role.
 * </ul>
 */
public final class L4lbKeys {
  /** The named-VIP address map. */
  public static final StateKey<NamedVipAddress> NAMES =
      StateKey.of("l4lb/names", NamedVipAddress.class);

  private static final List<StateKey<AgentVips>> BUCKETS =
      IntStream.range(0, StateKeys.VIP_BUCKETS)
          .mapToObj(i -> StateKey.of(StateKeys.vips(i), AgentVips.class))
          .toList();

  private L4lbKeys() {}

  /** All VIP bucket keys, in bucket order. */
  public static List<StateKey<AgentVips>> buckets() {
    return BUCKETS;
  }

  /** The bucket key that holds {@code vip}. */
  public static StateKey<AgentVips> bucketOf(VipId vip) {
    return BUCKETS.get(StateKeys.vipBucket(vip.text()));
  }
}
