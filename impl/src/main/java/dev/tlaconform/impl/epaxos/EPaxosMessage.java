package dev.tlaconform.impl.epaxos;

import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Message;

/**
 * The EPaxos messages (Moraru, Andersen, Kaminsky, SOSP 2013; specs/epaxos/EVENTS.md fixes fields
 * and key order). Every message names its instance {@code inst} (1..N·MaxSlot; instance i is led
 * by replica ((i - 1) mod N) + 1) and, but Commit, the instance ballot {@code bal}. Dependencies
 * are sorted instance arrays, never mutated after construction.
 */
public sealed interface EPaxosMessage extends Message {
    int inst();

    /** PreAccept: the coordinator of (inst, bal) proposes cmd with its attributes. */
    record PreAccept(int from, int inst, int bal, String cmd, int[] deps, int seq) implements EPaxosMessage {
        @Override
        public String type() {
            return "preaccept";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "preaccept").field("from", from).field("inst", inst).field("bal", bal)
                    .field("cmd", cmd);
            writeDeps(out, deps);
            out.field("seq", seq).endObject();
        }
    }

    /** PreAcceptOK: replica from's attributes for inst at bal; same = it changed nothing. */
    record PreAcceptOK(int from, int inst, int bal, int[] deps, int seq, boolean same) implements EPaxosMessage {
        @Override
        public String type() {
            return "preacceptok";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "preacceptok").field("from", from).field("inst", inst).field("bal", bal);
            writeDeps(out, deps);
            out.field("seq", seq).field("same", same).endObject();
        }
    }

    /** Accept: the coordinator of (inst, bal) asks replicas to vote for these attributes. */
    record Accept(int from, int inst, int bal, String cmd, int[] deps, int seq) implements EPaxosMessage {
        @Override
        public String type() {
            return "accept";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "accept").field("from", from).field("inst", inst).field("bal", bal)
                    .field("cmd", cmd);
            writeDeps(out, deps);
            out.field("seq", seq).endObject();
        }
    }

    /** AcceptOK: replica from voted at bal. */
    record AcceptOK(int from, int inst, int bal) implements EPaxosMessage {
        @Override
        public String type() {
            return "acceptok";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "acceptok").field("from", from).field("inst", inst).field("bal", bal)
                    .endObject();
        }
    }

    /** Commit: inst is committed with these attributes. */
    record Commit(int from, int inst, String cmd, int[] deps, int seq) implements EPaxosMessage {
        @Override
        public String type() {
            return "commit";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "commit").field("from", from).field("inst", inst).field("cmd", cmd);
            writeDeps(out, deps);
            out.field("seq", seq).endObject();
        }
    }

    /** Prepare: the owner of bal starts recovering inst. */
    record Prepare(int from, int inst, int bal) implements EPaxosMessage {
        @Override
        public String type() {
            return "prepare";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "prepare").field("from", from).field("inst", inst).field("bal", bal)
                    .endObject();
        }
    }

    /** PrepareOK: replica from promised bal and reports its record (vbal: the ballot of its attributes). */
    record PrepareOK(int from, int inst, int bal, String status, String cmd, int[] deps, int seq, int vbal,
            boolean fast) implements EPaxosMessage {
        @Override
        public String type() {
            return "prepareok";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "prepareok").field("from", from).field("inst", inst).field("bal", bal)
                    .field("status", status).field("cmd", cmd);
            writeDeps(out, deps);
            out.field("seq", seq).field("vbal", vbal).field("fast", fast).endObject();
        }
    }

    /** A sorted instance set as the JSON array "deps". */
    static void writeDeps(JsonOut out, int[] deps) {
        out.name("deps").beginArray();
        for (int d : deps) {
            out.value(d);
        }
        out.endArray();
    }
}
