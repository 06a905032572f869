package dev.tlaconform.impl.fastpaxos;

import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Message;

/**
 * The Fast Paxos messages (Lamport, "Fast Paxos", 2006; specs/fastpaxos/EVENTS.md fixes fields and
 * key order): a client's proposal, sent straight to the acceptors, and the four Paxos messages. A
 * 2a's value is {@link #ANY} in a fast ballot. Ballot b is coordinated by node ((b / 2) % N) + 1;
 * even ballots are fast, odd ones classic.
 */
public sealed interface FastPaxosMessage extends Message {
    /** The value of the 2a that opens a fast ballot: acceptors may vote for any proposal. */
    String ANY = "any";

    /** A client's proposal, sent by the node it came through ({@code from}) to every acceptor. */
    record Propose(String val, int from) implements FastPaxosMessage {
        @Override
        public String type() {
            return "propose";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "propose").field("val", val).field("from", from).endObject();
        }
    }

    /** Phase 1a: the coordinator {@code from} asks every acceptor to promise {@code bal}. */
    record Prepare(int bal, int from) implements FastPaxosMessage {
        @Override
        public String type() {
            return "1a";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "1a").field("bal", bal).field("from", from).endObject();
        }
    }

    /** Phase 1b: acceptor {@code from} promises {@code bal} and reports its last vote. */
    record Promise(int bal, int from, int mbal, String mval) implements FastPaxosMessage {
        @Override
        public String type() {
            return "1b";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "1b").field("bal", bal).field("from", from)
                    .field("mbal", mbal).field("mval", mval).endObject();
        }
    }

    /** Phase 2a: the coordinator of {@code bal} asks acceptors to vote for {@code val} ({@link #ANY}: any proposal). */
    record Accept(int bal, String val, int from) implements FastPaxosMessage {
        @Override
        public String type() {
            return "2a";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "2a").field("bal", bal).field("val", val).field("from", from).endObject();
        }
    }

    /** Phase 2b: acceptor {@code from} voted for {@code val} at {@code bal}; sent to every learner. */
    record Accepted(int bal, String val, int from) implements FastPaxosMessage {
        @Override
        public String type() {
            return "2b";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "2b").field("bal", bal).field("val", val).field("from", from).endObject();
        }
    }
}
