package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dcnet.state.engine.StoredValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listeners of a key get each change decoded, once per key instance. */
class ListenerHubTest {
  private final ListenerHub hub = new ListenerHub("hub-test");
  private final AtomicInteger decodes = new AtomicInteger();

  private StateKey<String> countingKey() {
    return new StateKey<>(
        "dns/zones/x",
        new StateCodec<>() {
          @Override
          public String encode(String value) {
            return value;
          }

          @Override
          public String decode(String text) {
            decodes.incrementAndGet();
            return text.toUpperCase(java.util.Locale.ROOT);
          }
        });
  }

  @AfterEach
  void close() {
    hub.close();
  }

  @Test
  void listenersOfOneKeyInstanceShareOneDecodingAndAnotherInstanceDecodesItsOwn() {
    StateKey<String> shared = countingKey();
    StateKey<String> other = countingKey();
    List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    Runnable[] remover = new Runnable[1];
    hub.add(shared, (k, v) -> seen.add(v), remover);
    hub.add(shared, (k, v) -> seen.add(v), remover);
    hub.add(other, (k, v) -> seen.add(v), remover);

    hub.changed(
        "dns/zones/x",
        Map.of(
            "m1", new StoredValue("m1", "a").encode(), "m2", new StoredValue("m2", "b").encode()));

    await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 3);
    assertThat(seen).allMatch(Map.of("m1", "A", "m2", "B")::equals);
    assertThat(decodes).hasValue(4); // two fields, once for `shared` and once for `other`
  }
}
