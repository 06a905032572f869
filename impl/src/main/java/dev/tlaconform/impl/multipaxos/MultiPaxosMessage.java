package dev.tlaconform.impl.multipaxos;

import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Message;

/**
 * Multi-Paxos messages (specs/multipaxos/EVENTS.md fixes fields and key order). Phase 1 covers
 * every slot at once: a 1b carries the acceptor's vote in each of the MaxSlot slots.
 */
public sealed interface MultiPaxosMessage extends Message {
    int bal();

    /** 1a: the would-be leader {@code from} asks for promises for ballot {@code bal}, all slots. */
    record Prepare(int bal, int from) implements MultiPaxosMessage {
        @Override
        public String type() {
            return "1a";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "1a").field("bal", bal).field("from", from).endObject();
        }
    }

    /**
     * 1b: acceptor {@code from} promises {@code bal} and reports its vote in every slot
     * ({@code vbal[s-1]}, {@code vval[s-1]} for slot s; -1 and "" = no vote). The arrays are
     * private copies; never mutate them.
     */
    record Promise(int bal, int from, int[] vbal, String[] vval) implements MultiPaxosMessage {
        @Override
        public String type() {
            return "1b";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "1b").field("bal", bal).field("from", from).name("votes");
            Votes.writeVotes(out, vbal, vval);
            out.endObject();
        }
    }

    /** 2a: the leader of ballot {@code bal} proposes {@code val} for slot {@code slot}. */
    record Accept(int bal, int slot, String val, int from) implements MultiPaxosMessage {
        @Override
        public String type() {
            return "2a";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "2a").field("bal", bal).field("slot", slot).field("val", val)
                    .field("from", from).endObject();
        }
    }

    /** 2b: acceptor {@code from} voted for {@code val} in slot {@code slot} at ballot {@code bal}. */
    record Accepted(int bal, int slot, String val, int from) implements MultiPaxosMessage {
        @Override
        public String type() {
            return "2b";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "2b").field("bal", bal).field("slot", slot).field("val", val)
                    .field("from", from).endObject();
        }
    }
}
