package dev.tlaconform.impl.zab;

import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Message;

/**
 * Zab's messages. {@link Packet} carries the spec's messages (EVENTS.md, "Messages": the trace
 * writes exactly the spec's fields) together with the connection stamps that turn the simulator's
 * lossy, duplicating, reordering network into the spec's FIFO connections; {@link Vote} and
 * {@link Ping}/{@link Pong} are leader election and heartbeats, which the spec does not model.
 */
public sealed interface ZabMessage extends Message {

    /** The spec's message types, with the fields each writes. */
    enum Type {
        FOLLOWERINFO, NEWEPOCH, ACKEPOCH, NEWLEADER, ACKLD, COMMITLD, PROPOSE, ACK, COMMIT;

        /** Sent by a follower to its leader (else by a leader to a follower). */
        boolean fromFollower() {
            return this == FOLLOWERINFO || this == ACKEPOCH || this == ACKLD || this == ACK;
        }
    }

    /**
     * A spec message on the connection (follower {@code from}/{@code to}, generation {@code conn})
     * to the leader whose leadership generation is {@code session}. {@code seq} numbers the
     * messages: a follower's on its connection (1 = FOLLOWERINFO), a leader's per follower over
     * its whole leadership (every spec send to that follower counts, on whatever connection).
     * {@code a} is acceptedEpoch / epoch / currentEpoch, {@code zxid} the zxid or lastZxid,
     * {@code history}/{@code length} NEWLEADER's history (shared, never written below length).
     */
    record Packet(Type kind, int from, int to, int a, long zxid, int value, Txn[] history, int length,
            long session, long conn, int seq) implements ZabMessage {
        @Override
        public String type() {
            return kind.name();
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", kind.name()).field("from", from).field("to", to);
            switch (kind) {
                case FOLLOWERINFO:
                    out.field("acceptedEpoch", a);
                    break;
                case NEWEPOCH:
                    out.field("epoch", a);
                    break;
                case ACKEPOCH:
                    out.field("currentEpoch", a).name("lastZxid");
                    Txn.writeZxid(out, zxid);
                    break;
                case NEWLEADER:
                    out.field("epoch", a).name("history");
                    Txn.writeHistory(out, history, length);
                    break;
                case PROPOSE:
                    out.name("zxid");
                    Txn.writeZxid(out, zxid);
                    out.field("value", value);
                    break;
                default: // ACKLD, COMMITLD, ACK, COMMIT
                    out.name("zxid");
                    Txn.writeZxid(out, zxid);
            }
            out.endObject();
        }
    }

    /**
     * Election: state LOOKING (0) or LEADING (2); a leader's vote carries its leadership generation
     * and, to one server, its last numbered spec send to that server ({@code seq}).
     */
    record Vote(int from, long gen, int state, int epoch, long lastZxid, int seq) implements ZabMessage {
        @Override
        public String type() {
            return "VOTE";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "VOTE").field("from", from).field("gen", gen).field("state", state)
                    .field("epoch", epoch).endObject();
        }
    }

    /**
     * Heartbeat from a leader to a follower's connection ({@code pong} false) and its answer;
     * {@code seq} is the sender's last numbered spec send on it, so a receiver missing one
     * (lost) does not count the heartbeat as a sign of a live connection; {@code ack} the last
     * one it has handled from the other end (TCP's cumulative acknowledgement: what is not
     * acknowledged is sent again on the next heartbeat).
     */
    record Ping(int from, int to, long session, long conn, int seq, int ack, boolean pong) implements ZabMessage {
        @Override
        public String type() {
            return pong ? "PONG" : "PING";
        }

        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", type()).field("from", from).field("to", to).endObject();
        }
    }

    /** The {@code msg} of a LeaderProcessRequest event. */
    record Request(int value) implements dev.tlaconform.impl.core.Traceable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("type", "REQUEST").field("value", value).endObject();
        }
    }
}
