package dev.tlaconform.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Logs in the format tlaplus/Examples' EWD998 implementation ({@code specifications/ewd998/impl})
 * writes, of simulated runs of the algorithm that implementation runs, so that {@code bench
 * foreign} has logs of any length to read (that implementation's logs are as long as its random
 * run happens to be: 60 to 1,400 lines). Written here from the log format and the algorithm
 * (EWD998Chan: a token passed from node N-1 down to 0, payload messages counted, nodes turning
 * passive; the initiator 0 sends "trm" to everyone once a round is conclusive). One seed gives one
 * log, byte for byte.
 *
 * <p>Each node, as that implementation's node loop: takes the first packet of its inbox and logs
 * {@code {"event":"<",...}} with its vector clock ticked and merged with the packet's; a payload
 * makes it active, black, its counter one less; a "trm" ends it; then, while active, it may send a
 * payload to another node (logging {@code ">"}) and may turn passive (logging {@code "d"}); a token
 * is passed on (or a new round started by the initiator, or "trm" sent) when the node is passive,
 * else put back into its own inbox. Nodes take turns at random (the implementation's threads);
 * a packet is in its receiver's inbox once sent. Until {@code events} lines are logged a node stays
 * active with probability {@value #STAY_LONG} per iteration, then with the implementation's 0.75, so
 * the run then terminates soon. The lines are in the order the run logged them (one stdout).
 */
final class Ewd998Logs {
    static final double STAY_LONG = 0.97;
    static final double STAY = 0.75;
    static final double SEND = 0.5;

    private Ewd998Logs() {}

    /** The log's lines (the first is {"N":n}) of the run of this seed with at least {@code events} events. */
    static List<String> generate(long seed, int n, int events) {
        if (n < 1) throw new IllegalArgumentException("nodes must be at least 1");
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        out.add("{\"N\":" + n + "}");
        Node[] nodes = new Node[n];
        for (int i = 0; i < n; i++) nodes[i] = new Node(i);
        nodes[0].inbox.add(new Packet(0, 0, token(0, "black"), clock(nodes[0].vc)));
        List<Node> ready = new ArrayList<>(n);
        while (true) {
            ready.clear();
            for (Node x : nodes) if (!x.done && !x.inbox.isEmpty()) ready.add(x);
            if (ready.isEmpty()) break;
            Node me = ready.get(rnd.nextInt(ready.size()));
            Packet p = me.inbox.poll();
            me.tick();
            p.vc.forEach((k, v) -> me.vc.merge(k, v, Math::max));
            Packet got = new Packet(p.snd, p.rcv, p.msg, clock(me.vc));
            out.add(line("<", me.id, got));
            String type = p.msg[0];
            if (type.equals("pl")) {
                me.active = true;
                me.counter--;
                me.black = true;
            } else if (type.equals("trm")) {
                me.done = true;
                continue;
            }
            double stay = out.size() - 1 < events ? STAY_LONG : STAY;
            if (me.active && n > 1 && rnd.nextDouble() < SEND) {
                me.counter++;
                int to;
                do {
                    to = rnd.nextInt(n);
                } while (to == me.id);
                send(me, nodes[to], new String[] {"pl"}, out);
            }
            if (me.active && !(rnd.nextDouble() < stay)) {
                me.active = false;
                me.tick();
                out.add("{\"event\":\"d\",\"node\":" + me.id + ",\"pkt\":{\"vc\":" + json(me.vc) + "}}");
            }
            if (!type.equals("tok")) continue;
            int q = Integer.parseInt(p.msg[1]);
            boolean tokBlack = p.msg[2].equals("black");
            if (me.id == 0) {
                boolean conclusive = !tokBlack && !me.black && q + me.counter == 0;
                if (conclusive && !me.active) {
                    for (Node x : nodes) send(me, x, new String[] {"trm"}, out);
                } else if (!conclusive) {
                    send(me, nodes[n - 1], token(0, "white"), out);
                    me.black = false;
                } else {
                    me.inbox.add(got);
                }
            } else if (!me.active) {
                send(me, nodes[me.id - 1], token(q + me.counter, me.black || tokBlack ? "black" : "white"), out);
                me.black = false;
            } else {
                me.inbox.add(got);
            }
        }
        return out;
    }

    static void write(Path file, List<String> lines) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String l : lines) b.append(l).append('\n');
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    private static void send(Node from, Node to, String[] msg, List<String> out) {
        from.tick();
        Packet p = new Packet(from.id, to.id, msg, clock(from.vc));
        to.inbox.add(p);
        out.add(line(">", from.id, p));
    }

    private static String[] token(int q, String color) {
        return new String[] {"tok", Integer.toString(q), color};
    }

    private static TreeMap<Integer, Integer> clock(TreeMap<Integer, Integer> vc) {
        return new TreeMap<>(vc);
    }

    private static String line(String event, int node, Packet p) {
        StringBuilder msg = new StringBuilder("{\"type\":\"").append(p.msg[0]).append('"');
        if (p.msg.length > 1) msg.append(",\"q\":").append(p.msg[1]).append(",\"color\":\"").append(p.msg[2]).append('"');
        msg.append('}');
        return "{\"event\":\"" + event + "\",\"node\":" + node + ",\"pkt\":{\"snd\":" + p.snd + ",\"rcv\":" + p.rcv
                + ",\"msg\":" + msg + ",\"vc\":" + json(p.vc) + "}}";
    }

    private static String json(TreeMap<Integer, Integer> vc) {
        StringBuilder b = new StringBuilder("{");
        vc.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return b.append('}').toString();
    }

    /** A packet: sender, receiver, message ({type} or {"tok", q, color}), the clock it carries. */
    private record Packet(int snd, int rcv, String[] msg, TreeMap<Integer, Integer> vc) {}

    private static final class Node {
        final int id;
        final Deque<Packet> inbox = new ArrayDeque<>();
        final TreeMap<Integer, Integer> vc = new TreeMap<>();
        boolean active = true;
        boolean black;
        boolean done;
        int counter;

        Node(int id) {
            this.id = id;
            vc.put(id, 0);
        }

        void tick() {
            vc.merge(id, 1, Integer::sum);
        }
    }
}
