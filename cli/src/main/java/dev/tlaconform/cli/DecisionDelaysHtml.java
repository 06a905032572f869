package dev.tlaconform.cli;

import dev.tlaconform.cli.report.Esc;
import java.util.List;
import java.util.Locale;

/**
 * The decision-delay experiment as an HTML page with one inline SVG chart (no script, no external
 * file): per row (protocol, clients at once), a bar of the runs split by their message delays to
 * decision, and the median beside it.
 */
final class DecisionDelaysHtml {
    private DecisionDelaysHtml() {}

    private static final String[] COLORS = {"#cccccc", "#9ecae1", "#2ca02c", "#98df8a", "#ff7f0e", "#ffbb78",
        "#d62728", "#ff9896", "#9467bd", "#c5b0d5", "#8c564b", "#c49c94", "#e377c2", "#f7b6d2", "#7f7f7f", "#17becf"};

    static String render(List<DecisionDelays.Row> rows, int nodes, int runs, long seed) {
        int labelW = 190;
        int barW = 520;
        int rowH = 28;
        int top = 30;
        int height = top + rows.size() * rowH + 60;
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>decision delays: Paxos vs Fast Paxos</title>")
                .append("<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 8px;text-align:right}</style></head><body>\n");
        b.append("<h1>Message delays to decision: Paxos vs Fast Paxos</h1>\n<p>")
                .append(Esc.xml(String.format(Locale.ROOT, "N = %d, %d seeded runs per row (seeds %d..%d), no faults,"
                        + " every message one delay (jittered), all clients at once, each at its own node with its own value."
                        + " A run's delays: the longest causal chain of messages from a request to the first decision.",
                        nodes, runs, seed, seed + runs - 1)))
                .append("</p>\n");
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">\n",
                labelW + barW + 120, height));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"12\">runs by message delays to decision</text>\n", labelW));
        for (int i = 0; i < rows.size(); i++) {
            DecisionDelays.Row r = rows.get(i);
            int y = top + i * rowH;
            String label = (r.protocol().equals("fastpaxos") ? "Fast Paxos" : "Paxos") + ", " + r.clients()
                    + (r.clients() == 1 ? " client" : " clients");
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"end\">%s</text>\n",
                    labelW - 8, y + 17, Esc.xml(label)));
            double x = labelW;
            int[] h = r.histogram();
            for (int d = 0; d < h.length; d++) {
                if (h[d] == 0) {
                    continue;
                }
                double w = barW * (double) h[d] / r.runs();
                b.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>\n",
                        x, y + 3, w, rowH - 6, COLORS[d], Esc.xml(d + " delays: " + h[d] + " runs")));
                if (w >= 24) {
                    b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%d</text>\n", x + 4, y + 18, d));
                }
                x += w;
            }
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">median %s</text>\n",
                    labelW + barW + 8, y + 18, r.median() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", r.median())));
        }
        int ly = top + rows.size() * rowH + 20;
        int lx = labelW;
        for (int d = 1; d < COLORS.length && d <= 8; d++) {
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%d</text>\n", lx, ly, COLORS[d], lx + 16, ly + 10, d));
            lx += 50;
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">message delays</text>\n", lx, ly + 10));
        b.append("</svg>\n<table><tr><th>protocol</th><th>clients</th><th>decided</th><th>median</th><th>mean</th><th>p90</th>"
                + "<th>max</th><th>collided</th></tr>\n");
        for (DecisionDelays.Row r : rows) {
            b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%d</td><td>%.1f</td><td>%.2f</td><td>%d</td><td>%d</td><td>%s</td></tr>\n",
                    Esc.xml(r.protocol()), r.clients(), r.decided(), r.median(), r.mean(), r.p90(), r.max(),
                    r.protocol().equals("fastpaxos") ? String.valueOf(r.collided()) : "-"));
        }
        b.append("</table>\n<p>Regenerate: <code>scripts/tlaconform experiment decision-delays</code></p>\n</body></html>\n");
        return b.toString();
    }
}
