package dev.tlaconform.impl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** TimeQueue polls what a heap ordered by (time, seq) polls, seq being the order of adds. */
class TimeQueueTest {
    record E(long time, long seq) {
    }

    @Test
    void pollsInTheOrderOfAHeapOnTimeThenSeq() {
        SplittableRandom r = new SplittableRandom(11);
        TimeQueue<E> q = new TimeQueue<>(E::time);
        PriorityQueue<E> ref = new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
        long seq = 0;
        long now = 0;
        for (int step = 0; step < 100_000; step++) {
            if (r.nextInt(3) > 0 || ref.isEmpty()) {
                // mostly the near future, sometimes now, sometimes far (timers, retries)
                long t = now + (r.nextInt(10) == 0 ? r.nextInt(1_000) : r.nextInt(4));
                E e = new E(t, seq++);
                q.add(e);
                ref.add(e);
            } else {
                assertEquals(ref.peek(), q.peek(), "peek at step " + step);
                E want = ref.poll();
                assertEquals(want, q.poll(), "poll at step " + step);
                now = want.time();
            }
            assertEquals(ref.size(), q.size());
        }
        while (!ref.isEmpty()) {
            assertEquals(ref.poll(), q.poll());
        }
        assertNull(q.poll());
        assertNull(q.peek());
    }
}
