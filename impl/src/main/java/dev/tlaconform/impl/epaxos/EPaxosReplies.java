package dev.tlaconform.impl.epaxos;

import java.util.ArrayList;
import java.util.List;

/** What a coordinator collected for its current ballot of one instance, in arrival order. */
final class EPaxosReplies {
    final int bal;
    /** The Accept this coordinator sent at bal, once it did. */
    EPaxosMessage.Accept accept;
    final List<EPaxosMessage.PreAcceptOK> pre = new ArrayList<>();
    long acceptMask;
    final List<EPaxosMessage.PrepareOK> prep = new ArrayList<>();

    EPaxosReplies(int bal) {
        this.bal = bal;
    }

    boolean hasPre(int from) {
        for (EPaxosMessage.PreAcceptOK p : pre) {
            if (p.from() == from) {
                return true;
            }
        }
        return false;
    }

    boolean hasPrep(int from) {
        for (EPaxosMessage.PrepareOK p : prep) {
            if (p.from() == from) {
                return true;
            }
        }
        return false;
    }
}
