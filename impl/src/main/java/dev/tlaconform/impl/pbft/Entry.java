package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.core.JsonOut;

/** A log entry {view, req} of ppAcc / prepCert; {@link #NONE} is the spec's NoEntry. */
record Entry(int view, Req req) {
    static final Entry NONE = new Entry(-1, Req.NONE);

    /** Some entry of the log (index 1..) holds request r. */
    static boolean holds(Entry[] log, Req r) {
        for (int k = 1; k < log.length; k++) {
            if (log[k].req().equals(r)) {
                return true;
            }
        }
        return false;
    }

    boolean none() {
        return view < 0;
    }

    void writeJson(JsonOut out) {
        out.beginObject().field("view", view).name("req");
        req.writeJson(out);
        out.endObject();
    }
}
