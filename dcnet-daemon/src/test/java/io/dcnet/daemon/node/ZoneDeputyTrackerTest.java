package io.dcnet.daemon.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.net.HostPort;
import io.dcnet.state.MemberInfo;
import io.dcnet.state.MemberStatus;
import io.dcnet.state.NodeRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who publishes the zones, from the leading Mesos master, the seats and the members. */
class ZoneDeputyTrackerTest {
  private static final HostPort LEADER = new HostPort("10.0.0.2", 5050);
  private static final Map<String, String> SEATS =
      Map.of("m1", "10.0.0.1:5050", "m2", "10.0.0.2:5050", "m3", "10.0.0.3:5050");

  private static MemberInfo member(String id, MemberStatus status, boolean reachable) {
    return new MemberInfo(id, NodeRole.MASTER, id + ":2551", 1, status, reachable);
  }

  private static MemberInfo up(String id) {
    return member(id, MemberStatus.UP, true);
  }

  @Test
  void theLeadersOwnMasterPublishesWhileItIsLiveEvenIfItIsNotTheLowest() {
    assertThat(ZoneDeputyTracker.designated(LEADER, SEATS, List.of(up("m1"), up("m2"), up("m3"))))
        .contains("m2");
    assertThat(
            ZoneDeputyTracker.designated(
                new HostPort("10.0.0.2", 5050),
                Map.of("m1", "10.0.0.1:5050", "m2", "10.0.0.2:5050"),
                List.of(member("m2", MemberStatus.WEAKLY_UP, true), up("m1"))))
        .contains("m2");
  }

  @Test
  void theLowestLiveSeatedMasterStandsInWhenTheLeadersOwnIsUnreachableLeavingOrGone() {
    assertThat(
            ZoneDeputyTracker.designated(
                LEADER, SEATS, List.of(up("m3"), member("m2", MemberStatus.UP, false), up("m1"))))
        .contains("m1");
    assertThat(
            ZoneDeputyTracker.designated(
                LEADER, SEATS, List.of(up("m3"), member("m2", MemberStatus.LEAVING, true))))
        .contains("m3");
    assertThat(ZoneDeputyTracker.designated(LEADER, SEATS, List.of(up("m3"), up("m1"))))
        .contains("m1");
  }

  @Test
  void membersWithoutASeatAreNeverChosen() {
    assertThat(
            ZoneDeputyTracker.designated(
                LEADER, SEATS, List.of(up("a0"), up("m3"), member("m1", MemberStatus.UP, false))))
        .contains("m3");
    assertThat(ZoneDeputyTracker.designated(LEADER, SEATS, List.of(up("a0")))).isEmpty();
    assertThat(ZoneDeputyTracker.designated(LEADER, Map.of(), List.of(up("m1")))).isEmpty();
  }

  @Test
  void theLeaderMatchesItsSeatByHostIgnoringCaseAndByPort() {
    Map<String, String> seats = Map.of("m1", "10.0.0.1:5050", "m9", "Master-9.Example:5050");
    List<MemberInfo> both = List.of(up("m1"), up("m9"));
    assertThat(ZoneDeputyTracker.designated(new HostPort("master-9.example", 5050), seats, both))
        .contains("m9");
    assertThat(ZoneDeputyTracker.designated(new HostPort("master-9.example", 5051), seats, both))
        .contains("m1");
  }
}
