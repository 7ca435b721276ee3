package io.dcnet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The control thread runs tasks on its named thread and drops everything once closed. */
class ControlThreadTest {
  @Test
  void runsTasksOnTheNamedThreadInOrder() {
    ControlThread control = new ControlThread("ct1");
    try {
      CopyOnWriteArrayList<String> seen = new CopyOnWriteArrayList<>();
      control.execute(() -> seen.add("1 " + Thread.currentThread().getName()));
      control.schedule(() -> seen.add("2 " + Thread.currentThread().getName()), 10);
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(seen)
                      .containsExactly("1 dcnet-state-control-ct1", "2 dcnet-state-control-ct1"));
      assertThat(control.isClosed()).isFalse();
    } finally {
      control.close();
    }
  }

  @Test
  void closeIsOnceAndLaterTasksAreDroppedWithoutThrowing() throws InterruptedException {
    ControlThread control = new ControlThread("ct2");
    CountDownLatch ran = new CountDownLatch(1);
    assertThat(control.close()).isTrue();
    assertThat(control.close()).isFalse();
    assertThat(control.isClosed()).isTrue();
    control.execute(ran::countDown);
    control.schedule(ran::countDown, 0);
    assertThat(ran.await(200, TimeUnit.MILLISECONDS)).isFalse();
  }
}
