package probelab.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A bounded cache (Caffeine, least-recently-used-like eviction past {@code maximumSize}) that computes a missing key
 * once, however many requests ask for it at the same time: the others wait for that computation and share its value.
 * A loader that throws caches nothing; every waiter gets the exception.
 */
public final class ResultCache<K, V> {
    private final Cache<K, V> cache;

    public ResultCache(long maximumSize) {
        // an async cache holds a future per key from the moment its load starts, which is what lets concurrent
        // callers of getAll join a load in progress; the direct executor runs each load on the thread that asked
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).<K, V>buildAsync().synchronous();
    }

    /** The value of {@code key}, computed by {@code loader} if absent; a null from the loader is returned, not kept. */
    public V get(K key, Function<? super K, ? extends V> loader) {
        return cache.get(key, loader);
    }

    /**
     * The values of {@code keys}; the absent ones are loaded together, in one call of {@code loader} with the keys
     * no other caller is loading already. Keys the loader leaves out are not kept and not in the answer.
     */
    public Map<K, V> getAll(Collection<? extends K> keys, Function<? super Set<? extends K>, ? extends Map<? extends K, ? extends V>> loader) {
        return cache.getAll(keys, loader);
    }

    /** The value of {@code key} if it is cached; null otherwise. */
    public V getIfPresent(K key) {
        return cache.getIfPresent(key);
    }

    /** How many entries are kept, after pending evictions. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Forgets one key: its next get loads again. */
    public void invalidate(K key) {
        cache.invalidate(key);
    }

    public void clear() {
        cache.invalidateAll();
    }
}
