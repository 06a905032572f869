package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Traceable;
import dev.tlaconform.impl.crypto.Digests;
import java.util.ArrayList;
import java.util.List;

/**
 * A client request as the spec sees it: (client, timestamp); the operation is {@code op<c>.<t>}
 * and is not modelled. Carries its SHA-256 digest (Castro and Liskov 4.2: protocol messages carry
 * D(m), never m). {@link #NULL} is the null request of a new view (4.4), {@link #NONE} the spec's
 * NoReq ("no request here"), logged explicitly as {"client":-2,"ts":0}.
 */
public final class Req implements Comparable<Req>, Traceable {
    public static final Req NULL = new Req(-1, 0);
    public static final Req NONE = new Req(-2, 0);

    private final int client;
    private final int ts;
    private final byte[] digest;
    private final String hex;

    private Req(int client, int ts) {
        this.client = client;
        this.ts = ts;
        this.digest = client == -1 ? Digests.nullRequest() : client == -2 ? new byte[32]
                : Digests.request(client, ts, op(client, ts));
        this.hex = Digests.hex(digest);
    }

    public static Req of(int client, int ts) {
        if (client == -1) {
            return NULL;
        }
        if (client == -2) {
            return NONE;
        }
        if (client < 0 || ts < 1) {
            throw new IllegalArgumentException("request (" + client + ", " + ts + ")");
        }
        return new Req(client, ts);
    }

    static String op(int client, int ts) {
        return "op" + client + "." + ts;
    }

    public int client() {
        return client;
    }

    public int ts() {
        return ts;
    }

    /** The 64-hex-digit SHA-256 digest. */
    public String digest() {
        return hex;
    }

    byte[] digestBytes() {
        return digest.clone();
    }

    /** The value the simulator's agreement check sees: "c0.1", "null". */
    public String value() {
        return client == -1 ? "null" : client == -2 ? "none" : "c" + client + "." + ts;
    }

    /** Parses {@link #value()} of a client request ("c0.1"). */
    public static Req parse(String v) {
        int dot = v.indexOf('.');
        if (!v.startsWith("c") || dot < 2) {
            throw new IllegalArgumentException("not a PBFT request: " + v);
        }
        return of(Integer.parseInt(v.substring(1, dot)), Integer.parseInt(v.substring(dot + 1)));
    }

    /** SHA-256 of a state, i.e. of the executed requests in order (Digests.state). */
    static String stateDigest(List<Req> state) {
        List<byte[]> ds = new ArrayList<>(state.size());
        for (Req r : state) {
            ds.add(r.digest);
        }
        return Digests.hex(Digests.state(ds));
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().field("client", client).field("ts", ts).endObject();
    }

    static void writeList(JsonOut out, List<Req> rs) {
        out.beginArray();
        for (Req r : rs) {
            r.writeJson(out);
        }
        out.endArray();
    }

    @Override
    public int compareTo(Req o) {
        return client != o.client ? Integer.compare(client, o.client) : Integer.compare(ts, o.ts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Req r && r.client == client && r.ts == ts;
    }

    @Override
    public int hashCode() {
        return 31 * client + ts;
    }

    @Override
    public String toString() {
        return value();
    }
}
