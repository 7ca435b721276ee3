package io.dcnet.nodedns.resolv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Which nameservers resolv.conf lists (dcos-net's {@code gen_resolvconf} rule): the node DNS
 * addresses that answer, in their order; when none does, at most {@value #MAX} of the fallback
 * resolvers in a random order (so that nodes spread over them), kept from round to round; when
 * there is no fallback either, every node DNS address (nothing better is known, and they may come
 * back). Pure.
 */
public final class NameserverChoice {
  /** The C library reads at most three {@code nameserver} lines. */
  public static final int MAX = 3;

  private NameserverChoice() {}

  /**
   * @param candidates the node DNS addresses, in preference order
   * @param answering those of them that answered
   * @param fallback the upstream resolvers to use when none answered
   * @param previous the last choice: kept while it is still a valid fallback choice, so that the
   *     file does not change every round while no node DNS answers
   * @param random shuffles the fallback
   */
  public static List<String> choose(
      List<String> candidates,
      Set<String> answering,
      List<String> fallback,
      List<String> previous,
      Random random) {
    List<String> up = candidates.stream().filter(answering::contains).toList();
    if (!up.isEmpty()) {
      return up.subList(0, Math.min(MAX, up.size()));
    }
    if (fallback.isEmpty()) {
      return candidates.subList(0, Math.min(MAX, candidates.size()));
    }
    int size = Math.min(MAX, fallback.size());
    if (previous.size() == size && fallback.containsAll(previous)) {
      return previous;
    }
    List<String> shuffled = new ArrayList<>(fallback);
    Collections.shuffle(shuffled, random);
    return List.copyOf(shuffled.subList(0, size));
  }
}
