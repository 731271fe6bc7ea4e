package probelab.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultCacheTest {
    static final int THREADS = 8;

    /** Runs {@code task} on eight threads released together; their answers. */
    static <T> List<T> atOnce(Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) out.add(f.get(30, TimeUnit.SECONDS));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A slow load, so that every thread asks while the first one is still computing. */
    static void slow() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void eight_requests_for_the_same_key_at_once_compute_it_once_and_share_the_value() throws Exception {
        ResultCache<String, Object> cache = new ResultCache<>(10);
        AtomicInteger calls = new AtomicInteger();
        List<Object> answers = atOnce(() -> cache.get("rtt?job=x@7", k -> {
            calls.incrementAndGet();
            slow();
            return new Object();
        }));
        assertEquals(1, calls.get());
        assertTrue(answers.stream().allMatch(a -> a == answers.get(0)), "every request got the one computed value");
    }

    @Test
    void eight_bulk_requests_for_the_same_keys_at_once_load_each_key_once() throws Exception {
        ResultCache<String, String> cache = new ResultCache<>(10);
        Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
        atOnce(() -> cache.getAll(List.of("a", "b", "c"), keys -> {
            Map<String, String> out = new HashMap<>();
            for (String k : keys) {
                loads.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
                out.put(k, k.toUpperCase());
            }
            slow();
            return out;
        }));
        assertEquals(Set.of("a", "b", "c"), loads.keySet());
        loads.forEach((k, n) -> assertEquals(1, n.get(), "loads of " + k));
        assertEquals(Map.of("a", "A", "b", "B", "c", "C"), cache.getAll(List.of("a", "b", "c"), keys -> {
            throw new AssertionError("everything is cached");
        }));
    }

    @Test
    void keys_the_loader_leaves_out_are_not_kept_and_not_in_the_answer() {
        ResultCache<String, String> cache = new ResultCache<>(10);
        assertEquals(Map.of("a", "A"), cache.getAll(List.of("a", "gone"), keys -> Map.of("a", "A")));
        assertEquals(1, cache.size());
    }

    @Test
    void a_loader_that_fails_caches_nothing_and_the_next_request_loads_again() {
        ResultCache<String, String> cache = new ResultCache<>(10);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cache.get("k", k -> {
                    throw new IllegalStateException("database busy");
                }));
        assertEquals("database busy", e.getMessage(), "the loader's own exception, not a wrapper");
        assertEquals("v", cache.get("k", k -> "v"));
    }

    @Test
    void past_its_maximum_size_it_keeps_at_most_that_many_entries() {
        ResultCache<Integer, Integer> cache = new ResultCache<>(3);
        for (int i = 0; i < 20; i++) cache.get(i, k -> k * k);
        assertTrue(cache.size() <= 3, "size " + cache.size());
    }
}
