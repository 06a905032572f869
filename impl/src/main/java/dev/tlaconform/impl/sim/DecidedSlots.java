package dev.tlaconform.impl.sim;

import java.util.TreeMap;

/**
 * Slot to decided value, with containsValue answered from a count per value instead of a pass
 * over every slot (clients ask whether their command is in the log on every request and retry;
 * a long run decides 10^5 slots). Only putIfAbsent adds; nothing is removed.
 */
final class DecidedSlots extends TreeMap<Integer, String> {
    private static final long serialVersionUID = 1L;
    private final java.util.HashMap<Object, Integer> values = new java.util.HashMap<>();

    @Override
    public String putIfAbsent(Integer slot, String value) {
        String prev = super.putIfAbsent(slot, value);
        if (prev == null) {
            values.merge(value, 1, Integer::sum);
        }
        return prev;
    }

    @Override
    public String put(Integer slot, String value) {
        throw new UnsupportedOperationException("decided slots are only added, with putIfAbsent");
    }

    @Override
    public boolean containsValue(Object value) {
        return values.containsKey(value);
    }
}
