package io.dcnet.l4lb.nft;

import static io.dcnet.l4lb.nft.NftRendererTest.dest;
import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.l4lb.dataplane.Destination;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotPlanTest {
  @Test
  void equalWeightsGetOneSlotEachAndNeedNoRecord() {
    List<Destination> dests = List.of(dest("10.0.0.1", 80, 1), dest("10.0.0.2", 80, 1));
    SlotPlan plan = SlotPlan.of(dests);
    assertThat(plan.slots()).containsExactlyElementsOf(dests);
    assertThat(plan.recorded()).isEmpty();
    assertThat(SlotPlan.total(dests)).isEqualTo(2);
  }

  @Test
  void unequalWeightsGetThatManySlotsInOrder() {
    Destination a = dest("10.0.0.1", 80, 1);
    Destination b = dest("10.0.0.2", 80, 3);
    SlotPlan plan = SlotPlan.of(List.of(a, b));
    assertThat(plan.slots()).containsExactly(a, b, b, b);
    assertThat(plan.recorded()).isEmpty();
  }

  @Test
  void aCommonDivisorIsTakenOutAndTheWeightsRecorded() {
    Destination a = dest("10.0.0.1", 80, 1000);
    Destination b = dest("10.0.0.2", 80, 500);
    SlotPlan plan = SlotPlan.of(List.of(a, b));
    assertThat(plan.slots()).containsExactly(a, a, b);
    assertThat(plan.recorded()).containsExactly(a, b);
  }

  @Test
  void weightZeroGetsNoSlotAndIsRecorded() {
    Destination live = dest("10.0.0.1", 80, 1);
    Destination drained = dest("10.0.0.2", 80, 0);
    SlotPlan plan = SlotPlan.of(List.of(live, drained));
    assertThat(plan.slots()).containsExactly(live);
    assertThat(plan.recorded()).containsExactly(drained);
  }

  @Test
  void noLiveDestinationMeansNoSlots() {
    assertThat(SlotPlan.of(List.of()).total()).isZero();
    SlotPlan plan = SlotPlan.of(List.of(dest("10.0.0.1", 80, 0)));
    assertThat(plan.total()).isZero();
    assertThat(plan.recorded()).hasSize(1);
  }

  @Test
  void largeCoprimeWeightsAreScaledKeepingEveryLiveDestination() {
    Destination big = dest("10.0.0.1", 80, 1000);
    Destination small = dest("10.0.0.2", 80, 1);
    Destination mid = dest("10.0.0.3", 80, 999);
    SlotPlan plan = SlotPlan.of(List.of(big, small, mid));
    assertThat(Collections.frequency(plan.slots(), big)).isEqualTo(128);
    assertThat(Collections.frequency(plan.slots(), small)).isEqualTo(1);
    assertThat(Collections.frequency(plan.slots(), mid)).isEqualTo(128);
    assertThat(plan.total()).isLessThanOrEqualTo(SlotPlan.MAX_SLOTS + 3);
    // small has one slot and weight 1: the slot count already says its weight
    assertThat(plan.recorded()).containsExactly(big, mid);
  }

  @Test
  void moreLiveDestinationsThanMaxSlotsGetOneSlotEach() {
    List<Destination> dests = new ArrayList<>();
    for (int i = 0; i < SlotPlan.MAX_SLOTS + 44; i++) {
      dests.add(dest("10.0." + (i / 250) + "." + (i % 250 + 1), 80, 1));
    }
    SlotPlan plan = SlotPlan.of(dests);
    assertThat(plan.slots()).containsExactlyElementsOf(dests);
    assertThat(plan.recorded()).isEmpty();
  }
}
