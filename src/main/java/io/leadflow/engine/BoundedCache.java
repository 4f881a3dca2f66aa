package io.leadflow.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A thread-safe cache of values computed once per key, for what a deployed model yields (parsed
 * expressions, rule descriptions): it forgets everything when it holds {@code capacity} entries, so
 * redeployments cannot make it grow without end. A value is computed again, not waited for, when
 * two threads miss at once. (Camunda's ConcurrentLruCache would move every hit to the end of a
 * queue, a walk through the whole queue on each read of a hot path.)
 */
final class BoundedCache<K, V> {

  private final Map<K, V> entries = new ConcurrentHashMap<>();
  private final int capacity;

  BoundedCache(int capacity) {
    this.capacity = capacity;
  }

  /** The value for the key, computed on a miss and kept if {@code keep} accepts it. */
  V get(K key, Function<K, V> compute, Predicate<V> keep) {
    V value = entries.get(key);
    if (value != null) {
      return value;
    }
    value = compute.apply(key);
    if (keep.test(value)) {
      if (entries.size() >= capacity) {
        entries.clear();
      }
      entries.put(key, value);
    }
    return value;
  }
}
