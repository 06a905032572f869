package dev.tlaconform.cli;

import dev.tlaconform.cli.walkthrough.Walkthrough;
import dev.tlaconform.impl.sim.Protocols;
import dev.tlaconform.validate.BadTraceException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code tlaconform walkthrough <protocol>}: a Markdown page pairing each spec action (its TLA+
 * text, via SANY) with the Java method(s) implementing it ({@code @SpecAction}) and an example event
 * from a simulated run. Exit 0 when every spec action has a handler and every handler names a spec
 * action, 1 otherwise (the page is written all the same), 2 on bad usage.
 */
public final class WalkthroughCommand implements Command {
    @Override
    public String name() {
        return "walkthrough";
    }

    @Override
    public String summary() {
        return "Markdown page pairing each spec action's TLA+ with the Java method implementing it and an example event";
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("out").hasArg().argName("FILE.md").desc("write the page here (default: stdout)").build());
        o.addOption(Option.builder().longOpt("specs").hasArg().argName("DIR")
                .desc("directory holding <protocol>/trace-mapping.json (default: the specs/ above the working directory)").build());
        o.addOption(Option.builder().longOpt("no-examples").desc("skip the simulated runs (no example events)").build());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options opts = options();
        CommandLine cl = Args.parse(name(), opts, args, Args.POSITIONAL);
        if (cl.hasOption("help")) {
            PrintWriter pw = new PrintWriter(out);
            new HelpFormatter().printHelp(pw, 100, "tlaconform walkthrough <protocol> [--out FILE.md] [--specs DIR]",
                    "\nProtocols: " + String.join(", ", Protocols.NAMES) + "\n\n", opts, 2, 4,
                    "\nExit codes: 0 page written, every spec action paired with a handler; 1 a spec action without a"
                            + " handler or a handler naming an action the spec lacks; 2 bad usage.", false);
            pw.flush();
            return ExitCode.OK;
        }
        List<String> pos = cl.getArgList();
        if (pos.size() != 1) {
            throw new UsageException((pos.isEmpty() ? "which protocol?" : "one protocol at a time, got " + pos)
                    + " (" + String.join(", ", Protocols.NAMES) + ")");
        }
        String protocol = pos.get(0);
        if (!Protocols.NAMES.contains(protocol)) {
            throw new UsageException("unknown protocol '" + protocol + "' (" + String.join(", ", Protocols.NAMES) + ")");
        }
        Path specDir = ConformCommand.specDirs(List.of(protocol),
                cl.hasOption("specs") ? Path.of(cl.getOptionValue("specs")) : null).get(protocol);
        Walkthrough.Page page;
        try {
            page = Walkthrough.build(protocol, specDir, !cl.hasOption("no-examples"));
        } catch (BadTraceException e) {
            throw new UsageException(e.getMessage());
        }
        Path file = cl.hasOption("out") ? Path.of(cl.getOptionValue("out")) : null;
        String command = "scripts/tlaconform walkthrough " + protocol + (file != null ? " --out " + file : "");
        String md = Walkthrough.markdown(page, file == null ? null : file.toAbsolutePath().getParent(), command);
        if (file == null) {
            out.print(md);
        } else {
            try {
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                Files.writeString(file, md, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot write --out " + file + ": " + e.getMessage());
            }
            out.println("walkthrough of " + protocol + ": " + page.actions().size() + " spec actions, "
                    + page.handlers().size() + " handlers, " + page.examples().size() + " example events -> " + file);
        }
        List<String> problems = Walkthrough.problems(page);
        problems.forEach(p -> err.println("tlaconform walkthrough: " + p));
        return problems.isEmpty() ? ExitCode.OK : ExitCode.VIOLATION;
    }
}
