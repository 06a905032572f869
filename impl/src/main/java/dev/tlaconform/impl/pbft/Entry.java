package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.core.JsonOut;

/** A log entry {view, req} of ppAcc / prepCert; {@link #NONE} is the spec's NoEntry. */
record Entry(int view, Req req) {
    static final Entry NONE = new Entry(-1, Req.NONE);

    boolean none() {
        return view < 0;
    }

    void writeJson(JsonOut out) {
        out.beginObject().field("view", view).name("req");
        req.writeJson(out);
        out.endObject();
    }
}
