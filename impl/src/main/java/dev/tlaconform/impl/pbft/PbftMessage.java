package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Message;
import java.util.List;

/**
 * PBFT messages (Castro and Liskov, OSDI 1999, Section 4; specs/pbft/EVENTS.md fixes the logged
 * fields). Each is signed by the node it claims to come from ({@link #signer()}: "r&lt;i&gt;" for
 * replica i, "c&lt;k&gt;" for client k) over {@link #signedText()}; {@link #from()} is the network
 * sender (the simulator's node 1..N, which the network does not authenticate), {@code rep} the
 * replica id 0..N-1 the message claims. Records share their lists: never mutate them.
 */
public sealed interface PbftMessage extends Message {
    /** The key name whose signature {@link #sig()} must be. */
    String signer();

    /** The canonical text the signature covers. */
    String signedText();

    byte[] sig();

    /** ⟨REQUEST, o, t, c⟩ signed by client c. */
    record Request(Req req, int from, byte[] sig) implements PbftMessage {
        public String type() { return "REQUEST"; }
        public String signer() { return "c" + req.client(); }
        public String signedText() { return "REQUEST|" + req.client() + "|" + req.ts() + "|" + Req.op(req.client(), req.ts()); }
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "REQUEST").name("req");
            req.writeJson(out);
            out.field("digest", req.digest()).endObject();
        }
    }

    /** ⟨⟨PRE-PREPARE, v, n, d⟩, m⟩: the primary's order, with the client's signed request m (null for the null request). */
    record PrePrepare(int view, int seq, String digest, Request request, int rep, int from, byte[] sig) implements PbftMessage {
        public String type() { return "PRE-PREPARE"; }
        public String signer() { return "r" + rep; }
        public String signedText() { return "PRE-PREPARE|" + view + "|" + seq + "|" + digest + "|" + rep; }
        Req req() { return request == null ? Req.NULL : request.req(); }
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "PRE-PREPARE").field("view", view).field("seq", seq).name("req");
            req().writeJson(out);
            out.field("from", rep).field("digest", digest).endObject();
        }
    }

    /** ⟨PREPARE, v, n, d, i⟩ ({@code req} is what the sender says d digests: for the trace only). */
    record Prepare(int view, int seq, String digest, Req req, int rep, int from, byte[] sig) implements PbftMessage {
        public String type() { return "PREPARE"; }
        public String signer() { return "r" + rep; }
        public String signedText() { return "PREPARE|" + view + "|" + seq + "|" + digest + "|" + rep; }
        public void writeJson(JsonOut out) { Vote.write(out, "PREPARE", view, seq, req, rep, digest); }
    }

    /** ⟨COMMIT, v, n, D(m), i⟩. */
    record Commit(int view, int seq, String digest, Req req, int rep, int from, byte[] sig) implements PbftMessage {
        public String type() { return "COMMIT"; }
        public String signer() { return "r" + rep; }
        public String signedText() { return "COMMIT|" + view + "|" + seq + "|" + digest + "|" + rep; }
        public void writeJson(JsonOut out) { Vote.write(out, "COMMIT", view, seq, req, rep, digest); }
    }

    /** ⟨REPLY, v, t, c, i, r⟩, sent to the client's process. */
    record Reply(int view, Req req, String result, int rep, int from, byte[] sig) implements PbftMessage {
        public String type() { return "REPLY"; }
        public String signer() { return "r" + rep; }
        public String signedText() { return "REPLY|" + view + "|" + req.client() + "|" + req.ts() + "|" + result + "|" + rep; }
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "REPLY").field("view", view).name("req");
            req.writeJson(out);
            out.field("from", rep).endObject();
        }
    }

    /**
     * ⟨CHECKPOINT, n, d, i⟩; carries the state itself (the executed requests 1..n) so that a
     * replica that is behind can adopt it (the paper's state transfer), checked against d.
     */
    record Checkpoint(int seq, List<Req> state, String digest, int rep, int from, byte[] sig) implements PbftMessage {
        public String type() { return "CHECKPOINT"; }
        public String signer() { return "r" + rep; }
        public String signedText() { return "CHECKPOINT|" + seq + "|" + digest + "|" + rep; }
        /**
         * Logged without the state (EVENTS.md): the spec fixes it (the sender's exec), and a state logged
         * every K requests would make the trace grow with the square of the run.
         */
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "CHECKPOINT").field("seq", seq).field("from", rep).field("digest", digest).endObject();
        }
    }

    /**
     * A prepared certificate (4.4's P_m): the pre-prepare for (view, seq, req) and Q-1 prepares
     * from distinct backups, each verifiable by a third replica.
     */
    record Cert(int view, int seq, Req req, PrePrepare prePrepare, List<Prepare> prepares) {
        String text() { return view + "/" + seq + "/" + req.digest(); }
        void writeJson(JsonOut out) {
            out.beginObject().field("view", view).field("seq", seq).name("req");
            req.writeJson(out);
            out.endObject();
        }
    }

    /**
     * ⟨VIEW-CHANGE, v+1, n, C, P, i⟩: {@code view} is the view being entered; the stable
     * checkpoint (ckSeq, ckState) with its proof C (Q checkpoints; empty for the genesis one), and P.
     */
    record ViewChange(int view, int rep, int ckSeq, List<Req> ckState, List<Checkpoint> ckProof, List<Cert> certs,
            int from, byte[] sig) implements PbftMessage {
        public String type() { return "VIEW-CHANGE"; }
        public String signer() { return "r" + rep; }
        public String signedText() {
            StringBuilder b = new StringBuilder("VIEW-CHANGE|").append(view).append('|').append(rep).append('|')
                    .append(ckSeq).append('|').append(Req.stateDigest(ckState));
            for (Cert c : certs) {
                b.append('|').append(c.text());
            }
            return b.toString();
        }
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "VIEW-CHANGE").field("view", view).field("from", rep).name("ckpt")
                    .beginObject().field("seq", ckSeq).name("state");
            Req.writeList(out, ckState);
            out.endObject().name("P").beginArray();
            for (Cert c : certs) {
                c.writeJson(out);
            }
            out.endArray().endObject();
        }
    }

    /** ⟨NEW-VIEW, v+1, V, O⟩: O are pre-prepares of the new view, each signed by the new primary. */
    record NewView(int view, int rep, List<ViewChange> vcs, List<PrePrepare> o, int from, byte[] sig) implements PbftMessage {
        public String type() { return "NEW-VIEW"; }
        public String signer() { return "r" + rep; }
        public String signedText() {
            StringBuilder b = new StringBuilder("NEW-VIEW|").append(view).append('|').append(rep);
            for (ViewChange m : vcs) {
                b.append("|V").append(m.rep()).append(':').append(m.signedText());
            }
            for (PrePrepare p : o) {
                b.append("|O").append(p.seq()).append(':').append(p.digest());
            }
            return b.toString();
        }
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "NEW-VIEW").field("view", view).field("from", rep).name("V").beginArray();
            for (ViewChange m : vcs) {
                m.writeJson(out);
            }
            out.endArray().name("O").beginArray();
            for (PrePrepare p : o) {
                out.beginObject().field("seq", p.seq()).name("req");
                p.req().writeJson(out);
                out.endObject();
            }
            out.endArray().endObject();
        }
    }

    /** Shared JSON of PREPARE and COMMIT. */
    final class Vote {
        private Vote() {}

        static void write(JsonOut out, String type, int view, int seq, Req req, int rep, String digest) {
            out.beginObject().field("type", type).field("view", view).field("seq", seq).name("req");
            req.writeJson(out);
            out.field("from", rep).field("digest", digest).endObject();
        }
    }
}
