package dev.tlaconform.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A message sequence chart of one trace as inline SVG: one lifeline per node, one row per event
 * (a labelled dot on its node's lifeline), and an arrow per message from the event that sent it to
 * the event that received it. The failing event of a rejected trace is drawn in red with the
 * spec-vs-logged variable difference beside it.
 *
 * <p>Matching a receive to its send uses only what the trace logs (EVENTS.md: {@code msg} is the
 * message received, or the one message sent by a send-only action): the sender is node
 * {@code msg.from}; its sending event is the latest earlier event there that logged the same
 * message (a send-only action such as Phase1a), else the latest earlier event there whose message
 * agrees with it on every field they share apart from {@code type} and {@code from} (the request a
 * reply answers: a 1b answers the 1a of its ballot, a 2b the 2a of its ballot, slot and value).
 */
public final class SequenceChart {
    /** Longest chart: longer traces show a window of this many events (around the failure). */
    public static final int DEFAULT_MAX_EVENTS = 100;

    static final int ROW = 22;
    static final int LANE = 190;
    static final int LEFT = 54;
    static final int TOP = 56;
    static final int NOTE = 560;

    private SequenceChart() {}

    /**
     * The chart.
     *
     * @param events     the trace's events
     * @param failLine   trace line of the failing event, 0 = none
     * @param diffLines  lines to print beside the failing event (spec-vs-logged differences)
     * @param maxEvents  window size
     */
    public static String svg(List<TraceEvent> events, long failLine, List<String> diffLines, int maxEvents) {
        int fail = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).line() == failLine) {
                fail = i;
            }
        }
        int from = 0;
        int to = Math.min(events.size(), maxEvents);
        if (fail >= to - 3) {
            to = Math.min(events.size(), fail + 4);
            from = Math.max(0, to - maxEvents);
        }
        List<TraceEvent> win = events.subList(from, to);
        List<String> nodes = nodes(win);
        Map<String, Integer> lane = new TreeMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            lane.put(nodes.get(i), i);
        }
        int noteRows = fail >= 0 ? diffLines.size() + 1 : 0;
        int rows = Math.max(win.size(), (fail >= 0 ? fail - from : 0) + noteRows);
        int width = LEFT + nodes.size() * LANE + NOTE;
        int height = TOP + rows * ROW + 24;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"msc\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n");
        b.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#4a6fa5\"/></marker></defs>\n");
        b.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");
        for (int i = 0; i < nodes.size(); i++) {
            int x = laneX(i);
            b.append("<g class=\"lifeline\"><rect x=\"").append(x - 40).append("\" y=\"8\" width=\"80\" height=\"24\" rx=\"4\""
                    + " fill=\"#e8eef7\" stroke=\"#4a6fa5\"/><text x=\"").append(x).append("\" y=\"24\" text-anchor=\"middle\""
                    + " font-weight=\"bold\" font-size=\"12\">node ").append(Esc.xml(nodes.get(i))).append("</text><line x1=\"")
                    .append(x).append("\" y1=\"32\" x2=\"").append(x).append("\" y2=\"").append(height - 8)
                    .append("\" stroke=\"#9aaccc\" stroke-dasharray=\"4 3\"/></g>\n");
        }
        // failing row highlight first, so dots and arrows draw over it
        if (fail >= 0) {
            int y = rowY(fail - from);
            b.append("<rect class=\"fail-row\" x=\"2\" y=\"").append(y - ROW / 2).append("\" width=\"")
                    .append(width - 4).append("\" height=\"").append(ROW).append("\" fill=\"#fde8e8\"/>\n");
        }
        // arrows
        for (int r = 0; r < win.size(); r++) {
            TraceEvent e = win.get(r);
            int s = senderOf(win, r);
            if (s < 0) {
                continue;
            }
            int x1 = laneX(lane.get(win.get(s).node()));
            int x2 = laneX(lane.get(e.node()));
            int y1 = rowY(s);
            int y2 = rowY(r);
            boolean late = from + r > fail && fail >= 0;
            String color = late ? "#c9c9c9" : "#4a6fa5";
            b.append("<path class=\"msg\" d=\"");
            if (x1 == x2) {
                // a message to itself loops on the left of the lifeline, away from the labels
                b.append("M").append(x1 - 5).append(',').append(y1).append(" C").append(x1 - 40).append(',').append(y1)
                        .append(' ').append(x1 - 40).append(',').append(y2).append(' ').append(x2 - 6).append(',').append(y2);
            } else {
                int dir = x2 > x1 ? 1 : -1;
                b.append("M").append(x1 + 5 * dir).append(',').append(y1).append(" L").append(x2 - 6 * dir).append(',').append(y2);
            }
            b.append("\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.3\" marker-end=\"url(#arrow)\">")
                    .append("<title>").append(Esc.xml(msgText(e.msg()))).append("</title></path>\n");
        }
        // dots and labels
        for (int r = 0; r < win.size(); r++) {
            TraceEvent e = win.get(r);
            int x = laneX(lane.get(e.node()));
            int y = rowY(r);
            boolean failing = from + r == fail;
            boolean late = fail >= 0 && from + r > fail;
            String fill = failing ? "#d32f2f" : late ? "#bdbdbd" : "#1f3b63";
            b.append("<text class=\"seq\" x=\"").append(LEFT - 8).append("\" y=\"").append(y + 4)
                    .append("\" text-anchor=\"end\" fill=\"#888888\">").append(e.seq()).append("</text>");
            b.append("<circle class=\"").append(failing ? "event fail" : "event").append("\" cx=\"").append(x).append("\" cy=\"")
                    .append(y).append("\" r=\"").append(failing ? 7 : 4).append("\" fill=\"").append(fill).append("\"/>");
            b.append("<text x=\"").append(x + 9).append("\" y=\"").append(y + 4).append("\" fill=\"").append(failing ? "#d32f2f" : late ? "#9e9e9e" : "#222222")
                    .append("\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"")
                    .append(failing ? " font-weight=\"bold\"" : "").append('>')
                    .append(Esc.xml(Esc.cut(e.action() + (e.msg() == null ? "" : " " + msgText(e.msg(), false)), 34)))
                    .append("<title>").append(Esc.xml("#" + e.seq() + " node " + e.node() + " " + e.action()
                            + (e.msg() == null ? "" : " " + e.msg()))).append("</title></text>\n");
        }
        if (fail >= 0) {
            int x = LEFT + nodes.size() * LANE + 100;
            int y = rowY(fail - from);
            b.append("<g class=\"diff\"><text x=\"").append(x).append("\" y=\"").append(y + 4)
                    .append("\" fill=\"#d32f2f\" font-weight=\"bold\">\u2190 first event the spec cannot take</text>");
            for (int i = 0; i < diffLines.size(); i++) {
                b.append("<text x=\"").append(x + 12).append("\" y=\"").append(y + 4 + (i + 1) * ROW)
                        .append("\" fill=\"#b71c1c\" font-family=\"monospace\">").append(Esc.xml(Esc.cut(diffLines.get(i), 70)))
                        .append("<title>").append(Esc.xml(diffLines.get(i))).append("</title></text>");
            }
            b.append("</g>\n");
        }
        b.append("</svg>");
        return b.toString();
    }

    /** The caption's window text, e.g. "first 100 of 240 events" or "all 38 events". */
    public static String windowText(int total, long failLine, List<TraceEvent> events, int maxEvents) {
        if (total <= maxEvents) {
            return "all " + total + " events";
        }
        int fail = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).line() == failLine) {
                fail = i;
            }
        }
        if (fail >= maxEvents - 3) {
            int to = Math.min(events.size(), fail + 4);
            return "events " + (to - maxEvents + 1) + "\u2013" + to + " of " + total + " (around the failing event)";
        }
        return "first " + maxEvents + " of " + total + " events";
    }

    static int laneX(int lane) {
        return LEFT + LANE / 2 + lane * LANE;
    }

    static int rowY(int row) {
        return TOP + row * ROW + ROW / 2;
    }

    /** Nodes in the window, numeric ids in numeric order, then the rest alphabetically. */
    static List<String> nodes(List<TraceEvent> events) {
        java.util.TreeSet<String> set = new java.util.TreeSet<>((a, c) -> {
            boolean na = a.matches("\\d{1,9}");
            boolean nc = c.matches("\\d{1,9}");
            if (na && nc) {
                return Integer.compare(Integer.parseInt(a), Integer.parseInt(c));
            }
            return na != nc ? (na ? -1 : 1) : a.compareTo(c);
        });
        for (TraceEvent e : events) {
            set.add(e.node());
        }
        return new ArrayList<>(set);
    }

    /** Index in {@code win} of the event that sent the message event {@code r} received, or -1. */
    static int senderOf(List<TraceEvent> win, int r) {
        TraceEvent e = win.get(r);
        JsonNode m = e.msg();
        if (m == null || !m.has("from")) {
            return -1;
        }
        String from = m.get("from").asText();
        int partial = -1;
        for (int i = r - 1; i >= 0; i--) {
            TraceEvent c = win.get(i);
            if (!c.node().equals(from) || c.msg() == null || c.action().equals(e.action())) {
                continue;
            }
            if (c.msg().equals(m)) {
                return i;
            }
            if (partial < 0 && agrees(c.msg(), m)) {
                partial = i;
            }
        }
        if (partial < 0 && from.equals(e.node())) {
            return -1;
        }
        return partial;
    }

    /** Both messages share at least one field besides type and from, and agree on all they share. */
    static boolean agrees(JsonNode a, JsonNode b) {
        int shared = 0;
        for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equals("type") || f.equals("from") || !b.has(f)) {
                continue;
            }
            if (!a.get(f).equals(b.get(f))) {
                return false;
            }
            shared++;
        }
        return shared > 0;
    }

    /** A message in a few words: {@code 2b bal=3 slot=1 val=c1 from=2}; arrays abbreviated. */
    static String msgText(JsonNode m) {
        return msgText(m, true);
    }

    static String msgText(JsonNode m, boolean withFrom) {
        if (m == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(m.path("type").asText(""));
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("type") || (!withFrom && f.getKey().equals("from"))) {
                continue;
            }
            JsonNode v = f.getValue();
            String s = v.isContainerNode() ? (v.isArray() ? "[\u2026" + v.size() + "]" : "{\u2026}") : v.asText();
            b.append(b.length() == 0 ? "" : " ").append(f.getKey()).append('=').append(s);
        }
        return b.toString();
    }
}
