package dev.tlaconform.impl.sim;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The simulator's pending events in (time, insertion) order: one FIFO bucket per virtual time.
 * Ties break by insertion order, which is the order of the simulator's sequence numbers (each
 * push takes the next), so it polls exactly what a priority queue on (time, seq) polls. A
 * heap of every pending event cost a sift through all of them per poll (100,000 commands keep
 * hundreds of thousands of messages and retries pending at a few distinct times); here a poll
 * or an add costs a lookup among the distinct times only.
 */
final class TimeQueue<E> {
    private final ToLongFunction<E> time;
    private final TreeMap<Long, ArrayDeque<E>> buckets = new TreeMap<>();
    /** The earliest bucket, cached: most adds and polls touch it or the one just after. */
    private long firstTime;
    private ArrayDeque<E> first;
    private int size;

    TimeQueue(ToLongFunction<E> time) {
        this.time = time;
    }

    void add(E e) {
        long t = time.applyAsLong(e);
        ArrayDeque<E> b = first != null && t == firstTime ? first : buckets.computeIfAbsent(t, k -> new ArrayDeque<>());
        b.addLast(e);
        if (first == null || t < firstTime) {
            first = b;
            firstTime = t;
        }
        size++;
    }

    /** The earliest event, first added among those of its time; null when empty. */
    E peek() {
        return first == null ? null : first.peekFirst();
    }

    E poll() {
        if (first == null) {
            return null;
        }
        E e = first.pollFirst();
        size--;
        if (first.isEmpty()) {
            buckets.remove(firstTime);
            Map.Entry<Long, ArrayDeque<E>> next = buckets.firstEntry();
            first = next == null ? null : next.getValue();
            firstTime = next == null ? 0 : next.getKey();
        }
        return e;
    }

    int size() {
        return size;
    }
}
