package dev.tlaconform.impl.zab;

/**
 * Everything a Zab server makes durable (EVENTS.md, "Durability contract"): its history,
 * currentEpoch and acceptedEpoch, plus {@code boot}, the number of times it has started, which
 * makes the server's connection generations unique across crashes (not a spec variable).
 * Immutable: {@code history} is shared with the node, which only ever writes past {@code length}
 * in that array (appends) or replaces the array (a new leader's history).
 */
public record ZabDurable(Txn[] history, int length, int currentEpoch, int acceptedEpoch, long boot) {
    public Txn txn(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException(i + " of " + length);
        }
        return history[i];
    }
}
