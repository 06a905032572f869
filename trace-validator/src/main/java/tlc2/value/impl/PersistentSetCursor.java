package tlc2.value.impl;

import java.util.Arrays;
import tlc2.value.impl.PersistentSetNodes.Inner;
import tlc2.value.impl.PersistentSetNodes.Leaf;
import tlc2.value.impl.PersistentSetNodes.Node;

/** An in-order cursor over the elements under a node (all leaves at one depth). */
final class PersistentSetCursor implements ValueEnumeration {
    private final Node top;
    final Node[] path; // path[0] = top, path[depth] = the current leaf
    final int[] pos;   // pos[d]: index into path[d]'s kids (or, at the leaf, its elements)
    boolean done;

    PersistentSetCursor(Node top) {
        this.top = top;
        int d = 0;
        for (Node n = top; n instanceof Inner; n = ((Inner) n).kids[0]) d++;
        path = new Node[d + 1];
        pos = new int[d + 1];
        reset();
    }

    @Override
    public void reset() {
        path[0] = top;
        Arrays.fill(pos, 0);
        descend(0);
        done = top.size == 0;
    }

    /** Fills path[d+1..] with the leftmost nodes under path[d] (pos[d+1..] = 0). */
    private void descend(int d) {
        for (int k = d; k < path.length - 1; k++) {
            path[k + 1] = ((Inner) path[k]).kids[pos[k]];
            pos[k + 1] = 0;
        }
    }

    /** The element the cursor is at (not done). */
    Value current() {
        return ((Leaf) path[path.length - 1]).e[pos[path.length - 1]];
    }

    /** Moves past the node path[d] (d >= 1) and everything under it; at d = leaf depth + 1: past one element. */
    void skip(int d) {
        int k = d - 1;
        while (true) {
            pos[k]++;
            if (pos[k] < path[k].width()) break;
            if (k == 0) {
                done = true;
                return;
            }
            k--;
        }
        descend(k);
    }

    /** Moves to the next element. */
    void advance() {
        skip(path.length);
    }

    @Override
    public Value nextElement() {
        if (done) return null;
        Value v = current();
        advance();
        return v;
    }

    int depth() {
        return path.length - 1;
    }

    /** Whether the cursor is at the first element of path[d]. */
    boolean atStartOf(int d) {
        for (int k = d; k < pos.length; k++) if (pos[k] != 0) return false;
        return true;
    }
}
