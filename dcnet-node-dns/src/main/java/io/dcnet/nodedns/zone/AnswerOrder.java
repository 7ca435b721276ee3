package io.dcnet.nodedns.zone;

import io.dcnet.nodedns.config.LoadBalance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.Record;

/**
 * Applies the {@code loadbalance} policy to the non-CNAME answers of an internal reply (CNAMEs are
 * kept apart by the caller and always come first, in chain order).
 *
 * <p>Stateless; thread-safe.
 */
public final class AnswerOrder {
  private AnswerOrder() {}

  /**
   * The answers in policy order: {@code ROUND_ROBIN} rotates left by {@code messageId mod n},
   * {@code RANDOM} shuffles, {@code NONE} keeps the order. Returns a new list.
   */
  public static List<Record> apply(List<Record> answers, LoadBalance policy, int messageId) {
    List<Record> out = new ArrayList<>(answers);
    if (out.size() < 2) {
      return out;
    }
    switch (policy) {
      case ROUND_ROBIN -> Collections.rotate(out, -Math.floorMod(messageId, out.size()));
      case RANDOM -> Collections.shuffle(out, ThreadLocalRandom.current());
      case NONE -> {}
    }
    return out;
  }
}
