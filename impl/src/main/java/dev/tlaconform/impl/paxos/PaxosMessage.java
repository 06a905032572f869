package dev.tlaconform.impl.paxos;

import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Message;

/**
 * The four Paxos messages (seed notes §3.3; specs/paxos/EVENTS.md fixes fields and key order).
 * Ballot ownership: node k owns the ballots b with b % N = k - 1.
 */
public sealed interface PaxosMessage extends Message {
    int bal();

    /** Phase 1a, Prepare: the proposer {@code from} asks every acceptor to promise {@code bal}. */
    record Prepare(int bal, int from) implements PaxosMessage {
        @Override
        public String type() {
            return "1a";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "1a").field("bal", bal).field("from", from).endObject();
        }
    }

    /** Phase 1b, Promise: acceptor {@code from} promises {@code bal} and reports its last vote. */
    record Promise(int bal, int from, int mbal, String mval) implements PaxosMessage {
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

    /** Phase 2a, Accept: the proposer of ballot {@code bal} asks acceptors to vote for {@code val}. */
    record Accept(int bal, String val, int from) implements PaxosMessage {
        @Override
        public String type() {
            return "2a";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "2a").field("bal", bal).field("val", val).field("from", from).endObject();
        }
    }

    /** Phase 2b, Accepted: acceptor {@code from} voted for {@code val} at {@code bal}; sent to every learner. */
    record Accepted(int bal, String val, int from) implements PaxosMessage {
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
