package dev.tlaconform.cli.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code junit.xml} in the Ant/Surefire JUnit format CI systems read: one {@code <testsuite>} per
 * protocol, one {@code <testcase>} per trace; a rejected trace or an invariant violation is a
 * {@code <failure>} carrying the diagnosis and the replay command, a trace the validator could not
 * read at all an {@code <error>}.
 */
public final class JunitReport {
    private JunitReport() {}

    public static void write(CampaignResult c, Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(os, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", "tlaconform conform");
            w.writeAttribute("tests", Long.toString(c.runs().size()));
            w.writeAttribute("failures", Long.toString(c.runs().stream().filter(r -> !r.ok() && r.verdict() != RunResult.Verdict.ERROR).count()));
            w.writeAttribute("errors", Long.toString(c.runs().stream().filter(r -> r.verdict() == RunResult.Verdict.ERROR).count()));
            w.writeAttribute("time", secs(c.wallMillis()));
            w.writeCharacters("\n");
            for (ProtocolSummary s : c.summaries()) {
                var runs = c.runs().stream().filter(r -> r.protocol().equals(s.protocol())).toList();
                w.writeStartElement("testsuite");
                w.writeAttribute("name", "conform." + s.protocol());
                w.writeAttribute("tests", Long.toString(runs.size()));
                w.writeAttribute("failures", Long.toString(runs.stream().filter(r -> !r.ok() && r.verdict() != RunResult.Verdict.ERROR).count()));
                w.writeAttribute("errors", Long.toString(runs.stream().filter(r -> r.verdict() == RunResult.Verdict.ERROR).count()));
                w.writeAttribute("skipped", "0");
                w.writeAttribute("time", secs(s.wallMillis()));
                w.writeCharacters("\n");
                for (RunResult r : runs) {
                    w.writeCharacters("  ");
                    w.writeStartElement("testcase");
                    w.writeAttribute("classname", "conform." + r.protocol() + "." + Campaign.fileSafe(r.faults()) + "." + r.model());
                    w.writeAttribute("name", "run " + r.run() + " seed=" + r.seed());
                    w.writeAttribute("time", secs(r.simMillis() + r.validateMillis()));
                    if (!r.ok()) {
                        w.writeStartElement(r.verdict() == RunResult.Verdict.ERROR ? "error" : "failure");
                        String type = r.verdict() != RunResult.Verdict.ACCEPTED ? r.verdict().label()
                                : r.invariantViolated() ? "invariant_violation" : "not_linearizable";
                        w.writeAttribute("type", type);
                        w.writeAttribute("message", Esc.xmlChars(Esc.cut(r.failureSummary() == null ? type : r.failureSummary(), 500)));
                        StringBuilder body = new StringBuilder();
                        if (r.invariantViolated()) {
                            body.append("simulator invariant violated: ").append(r.simFailure()).append('\n');
                        }
                        if (r.verdict() != RunResult.Verdict.ACCEPTED) {
                            body.append(r.diagnosis()).append('\n');
                        }
                        if (r.notLinearizable()) {
                            body.append(r.linearizability()).append('\n');
                        }
                        body.append("trace kept: ").append(r.traceFile()).append('\n');
                        body.append("replay: ").append(r.replay());
                        w.writeCharacters(Esc.xmlChars(body.toString()));
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                    w.writeCharacters("\n");
                }
                w.writeEndElement();
                w.writeCharacters("\n");
            }
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException("writing " + file + ": " + e.getMessage(), e);
        }
    }

    private static String secs(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

}
