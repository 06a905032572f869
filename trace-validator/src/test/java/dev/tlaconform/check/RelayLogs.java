package dev.tlaconform.check;

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
 * Writes logs of runs of the test protocol Relay (test resources check/relay) the way
 * tlaplus/Examples' EWD998 implementation writes its logs: a first line {"N": n}, then each
 * node's lines (its own log, one after the other), each with the node's vector clock after the
 * step. One seed gives one run. {@code main} writes one file: {@code RelayLogs SEED N STEPS FILE}.
 */
final class RelayLogs {
    /** One logged step: its text, the line it is on in the file (1-based), its event and node. */
    record Line(String text, int fileLine, String event, int node, int peer) {}

    private RelayLogs() {}

    static List<Line> generate(long seed, int n, int steps) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[] active = new boolean[n];
        java.util.Arrays.fill(active, true);
        long[][] vc = new long[n][n];
        List<Deque<long[]>> channel = new ArrayList<>(); // index receiver * n + sender: clocks of messages
        for (int i = 0; i < n * n; i++) {
            channel.add(new ArrayDeque<>());
        }
        List<List<Line>> perNode = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            perNode.add(new ArrayList<>());
        }
        for (int step = 0; step < steps; step++) {
            List<int[]> enabled = new ArrayList<>(); // {kind 0 send / 1 recv / 2 passive, node, peer}
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j && active[i]) {
                        enabled.add(new int[] {0, i, j});
                    }
                    if (i != j && !channel.get(i * n + j).isEmpty()) {
                        enabled.add(new int[] {1, i, j});
                        enabled.add(new int[] {1, i, j}); // receiving twice as likely: logs stay short of in-flight messages
                    }
                }
                if (active[i]) {
                    enabled.add(new int[] {2, i, -1});
                }
            }
            if (enabled.isEmpty()) {
                break;
            }
            int[] a = enabled.get(rnd.nextInt(enabled.size()));
            int i = a[1];
            int j = a[2];
            String event;
            if (a[0] == 0) {
                vc[i][i]++;
                channel.get(j * n + i).add(vc[i].clone());
                event = "\"event\":\"send\",\"node\":" + i + ",\"to\":" + j;
            } else if (a[0] == 1) {
                long[] m = channel.get(i * n + j).poll();
                for (int k = 0; k < n; k++) {
                    vc[i][k] = Math.max(vc[i][k], m[k]);
                }
                vc[i][i]++;
                active[i] = true;
                event = "\"event\":\"recv\",\"node\":" + i + ",\"from\":" + j;
            } else {
                vc[i][i]++;
                active[i] = false;
                event = "\"event\":\"passive\",\"node\":" + i;
            }
            StringBuilder clock = new StringBuilder();
            for (int k = 0; k < n; k++) {
                if (vc[i][k] > 0) {
                    clock.append(clock.length() == 0 ? "" : ",").append('"').append(k).append("\":").append(vc[i][k]);
                }
            }
            String kind = a[0] == 0 ? "send" : a[0] == 1 ? "recv" : "passive";
            perNode.get(i).add(new Line("{" + event + ",\"vc\":{" + clock + "}}", 0, kind, i, j));
        }
        List<Line> out = new ArrayList<>();
        int fileLine = 2;
        for (List<Line> lines : perNode) {
            for (Line l : lines) {
                out.add(new Line(l.text(), fileLine++, l.event(), l.node(), l.peer()));
            }
        }
        return out;
    }

    static void write(Path file, int n, List<Line> lines) throws IOException {
        StringBuilder b = new StringBuilder("{\"N\":" + n + "}\n");
        for (Line l : lines) {
            b.append(l.text()).append('\n');
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    /** The lines with the one at {@code fileLine} replaced. */
    static List<Line> replace(List<Line> lines, int fileLine, String text) {
        List<Line> out = new ArrayList<>();
        for (Line l : lines) {
            out.add(l.fileLine() == fileLine ? new Line(text, l.fileLine(), l.event(), l.node(), l.peer()) : l);
        }
        return out;
    }

    /** How many lines of each kind: for the tests' sanity checks. */
    static TreeMap<String, Integer> kinds(List<Line> lines) {
        TreeMap<String, Integer> k = new TreeMap<>();
        lines.forEach(l -> k.merge(l.event(), 1, Integer::sum));
        return k;
    }

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[1]);
        write(Path.of(args[3]), n, generate(Long.parseLong(args[0]), n, Integer.parseInt(args[2])));
    }
}
