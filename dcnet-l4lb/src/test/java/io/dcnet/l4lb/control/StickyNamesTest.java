package io.dcnet.l4lb.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.l4lb.model.NamedVipAddress;
import io.dcnet.l4lb.model.VipId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StickyNamesTest {
  private static final VipId APP = VipId.parse("tcp://app.marathon:80");
  private static final NamedVipAddress APP_ADDR =
      new NamedVipAddress("app.marathon", "11.0.0.5", null);

  private final StickyNames sticky = new StickyNames();

  @Test
  void keepsAnAddressWhileTheNameHasBackends() {
    assertThat(sticky.resolve(Map.of("app.marathon", APP_ADDR), Set.of(APP)))
        .containsEntry("app.marathon", APP_ADDR);
    assertThat(sticky.resolve(Map.of(), Set.of(APP)))
        .as("the names entry vanished (purge of its writer)")
        .containsEntry("app.marathon", APP_ADDR);
    assertThat(sticky.rememberedNames()).containsExactly("app.marathon");
  }

  @Test
  void forgetsTheAddressWhenTheNameHasNoBackends() {
    sticky.resolve(Map.of("app.marathon", APP_ADDR), Set.of(APP));
    assertThat(sticky.resolve(Map.of(), Set.of())).isEmpty();
    assertThat(sticky.resolve(Map.of(), Set.of(APP))).as("not remembered any more").isEmpty();
  }

  @Test
  void aPublishedEntryWins() {
    sticky.resolve(Map.of("app.marathon", APP_ADDR), Set.of(APP));
    NamedVipAddress withV6 = new NamedVipAddress("app.marathon", "11.0.0.5", "fd01:c::5");
    assertThat(sticky.resolve(Map.of("app.marathon", withV6), Set.of(APP)))
        .containsEntry("app.marathon", withV6);
    assertThat(sticky.resolve(Map.of(), Set.of(APP))).containsEntry("app.marathon", withV6);
  }

  @Test
  void publishedNamesWithoutBackendsPassThroughButAreNotRemembered() {
    assertThat(sticky.resolve(Map.of("app.marathon", APP_ADDR), Set.of()))
        .containsEntry("app.marathon", APP_ADDR);
    assertThat(sticky.rememberedNames()).isEmpty();
  }
}
