package dev.tlaconform.check;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMISocketFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import tlc2.TLC;
import tlc2.TLCGlobals;
import tlc2.output.EC;
import tlc2.output.MP;
import tlc2.tool.AbstractChecker;
import tlc2.tool.ModelChecker;
import tlc2.tool.distributed.TLCServer;
import tlc2.tool.distributed.TLCWorker;
import tlc2.tool.impl.ModelConfig;
import tlc2.util.Vect;
import tlc2.value.IValue;
import util.SimpleFilenameToStream;
import util.ToolIO;

import dev.tlaconform.community.Notes;

/**
 * The main class of the child JVM that runs one TLC job and streams {@link Events} on stdout.
 * TLC's own prose goes to stderr (the parent keeps its tail for diagnostics). Calls
 * {@code System.exit} when TLC returns: the fingerprint set's RMI export would otherwise keep this
 * JVM alive.
 *
 * <pre>
 * TlcRunner --role check  --spec ABS.tla --config ABS.cfg [--progress SECONDS]
 *                         [--postcondition NAME]... [--alias NAME] -- TLC-ARGS...
 * TlcRunner --role server [--loopback] -- TLCServer-ARGS...
 * TlcRunner --role worker [--loopback] -- SERVER-HOST
 * </pre>
 */
public final class TlcRunner {
    private static final int STAY_ALIVE = Integer.MIN_VALUE;

    private TlcRunner() {}

    public static void main(String[] args) {
        // Keep the real stdout for events; everything TLC prints goes to stderr.
        FileOutputStream realOut = new FileOutputStream(FileDescriptor.out);
        EventStream events = new EventStream(new BufferedOutputStream(realOut, 1 << 16));
        System.setOut(System.err);
        ToolIO.out = System.err;
        int status;
        try {
            status = run(args, events);
            if (status == STAY_ALIVE) {
                return;
            }
        } catch (Throwable t) {
            StringWriter sw = new StringWriter();
            t.printStackTrace(new PrintWriter(sw));
            ObjectNode e = EventStream.event(Events.ERROR);
            e.put("code", EC.GENERAL);
            e.put("category", "internal");
            e.put("message", "TLC failed: " + t);
            e.put("stackTrace", sw.toString());
            events.emit(e);
            status = EC.ExitStatus.ERROR;
        }
        System.err.flush();
        System.exit(status);
    }

    private static int run(String[] args, EventStream events) throws Exception {
        String role = "check";
        String spec = null;
        String config = null;
        int progressSeconds = 10;
        boolean loopback = false;
        List<String> postconditions = new ArrayList<>();
        String alias = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--role": role = args[++i]; break;
                case "--spec": spec = args[++i]; break;
                case "--config": config = args[++i]; break;
                case "--progress": progressSeconds = Integer.parseInt(args[++i]); break;
                case "--loopback": loopback = true; break;
                case "--postcondition": postconditions.add(args[++i]); break;
                case "--alias": alias = args[++i]; break;
                case "--":
                    rest.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    i = args.length;
                    break;
                default: throw new IllegalArgumentException("TlcRunner: unknown argument " + args[i]);
            }
        }
        if (loopback) {
            bindRmiToLoopback();
        }
        if (role.equals("worker")) {
            // TLCWorker.main returns once the worker is exported; its RMI threads then do the
            // work and end the JVM when the server says so. So: no System.exit here.
            TLCWorker.main(rest.toArray(new String[0]));
            return STAY_ALIVE;
        }
        EventRecorder recorder = new EventRecorder(events, alias);
        Notes.install(text -> {
            ObjectNode n = EventStream.event(Events.NOTE);
            n.put("message", text);
            events.emit(n);
        }, text -> {
            ObjectNode n = EventStream.event(Events.PRINT);
            n.put("text", text);
            events.emit(n);
        });
        MP.setRecorder(recorder);
        ObjectNode v = EventStream.event(Events.VERSION);
        v.put("tlcVersion", TLCGlobals.versionOfTLC.replaceFirst("^Version ", ""));
        events.emit(v);
        switch (role) {
            case "check": return check(spec, config, progressSeconds, rest, events, recorder, postconditions);
            case "server":
                // No constants() here: parsing the cfg first would intern names in a different
                // order than the workers, and distributed TLC ships UniqueStrings by their index.
                // The server checks for the end of the run once per report interval: keep it short
                // (the parent prints at most one progress line per --progress period).
                System.setProperty(TLCServer.class.getName() + ".report", "1000");
                TLCServer.main(rest.toArray(new String[0])); // exits the JVM itself
                return 0;
            default: throw new IllegalArgumentException("TlcRunner: unknown role " + role);
        }
    }

    private static int check(String spec, String config, int progressSeconds, List<String> tlcArgs,
            EventStream events, EventRecorder recorder, List<String> postconditions) {
        constants(spec, config, events);
        TLC tlc = new TLC();
        if (!tlc.handleParameters(tlcArgs.toArray(new String[0]))) {
            throw new IllegalStateException("TLC rejected its arguments " + tlcArgs);
        }
        File specDir = new File(spec).getAbsoluteFile().getParentFile();
        ModuleSources modules = new ModuleSources(specDir.getPath());
        tlc.setResolver(modules);
        TraceWatch watch = new TraceWatch(specDir);
        watchStates(tlc, watch);
        Thread poller = progressPoller(progressSeconds, recorder);
        poller.start();
        // TLC's process(), with the spec's TLCGet levels raised before the properties are processed and an
        // INSTANCE's substitutions of a constant or variable by itself left out (IdentitySubstitutions)
        int code = TlcProcess.run(tlc, tool -> {
            dev.tlaconform.community.DynamicLevels.ensure(tool);
            dev.tlaconform.community.IdentitySubstitutions.elide(tool);
            dev.tlaconform.community.StutterFirst.rewrite(tool);
            modules.recordOverrides(tool);
        });
        poller.interrupt();
        modules.report(events);
        if (dev.tlaconform.community.LogOrigins.readError() != null) {
            // TLC reports the failed read as whatever it was evaluating ("non-constant TraceN"):
            // the log's own file:line says what is wrong
            dev.tlaconform.community.LogOrigins.Origin at = dev.tlaconform.community.LogOrigins.readErrorAt();
            ObjectNode e = EventStream.event(Events.ERROR);
            e.put("code", EC.GENERAL);
            e.put("category", "log");
            e.put("file", at.file());
            e.put("line", at.line());
            e.put("column", 0);
            String msg = dev.tlaconform.community.LogOrigins.readError();
            e.put("message", msg.startsWith(at.file() + ":") ? msg.substring(msg.indexOf(": ", at.file().length()) + 2) : msg);
            events.emit(e);
        }
        if (recorder.parsingFailed()) {
            SanyDiagnostics.Problem p = SanyDiagnostics.locate(new File(spec));
            if (p != null) {
                ObjectNode e = EventStream.event(Events.ERROR);
                e.put("code", EC.TLC_PARSING_FAILED);
                e.put("category", "sany");
                e.put("file", p.file());
                e.put("line", p.line());
                e.put("column", p.column());
                e.put("message", p.message());
                events.emit(e);
            }
        }
        if (recorder.firstConfigCode() != 0) {
            ConfigErrors.locate(new File(spec), new File(config), recorder.firstConfigCode(),
                    recorder.firstConfigParams(), events);
        }
        int status = EC.ExitStatus.errorConstantToExitStatus(code);
        if (status == 0 || status == EC.ExitStatus.VIOLATION_LIVENESS || status == EC.ExitStatus.VIOLATION_SAFETY) {
            boolean complete = Emulated.tracePosition(watch, recorder.depth(), events);
            status = Emulated.postconditions(postconditions, status, events);
            if (status == 0 && !complete && postconditions.isEmpty()) {
                ObjectNode v = EventStream.event(Events.VIOLATION);
                v.put("code", EC.GENERAL);
                v.put("kind", "trace");
                v.put("name", watch.shape().log());
                v.put("message", "No behaviour of the spec matches the log " + watch.shape().log()
                        + " to its end (the spec checks no POSTCONDITION or property that says so; tlaconform does).");
                events.emit(v);
                status = EC.ExitStatus.VIOLATION_SAFETY;
            }
        }
        ObjectNode exit = EventStream.event(Events.EXIT);
        exit.put("code", code);
        exit.put("exitStatus", status);
        events.emit(exit);
        return status;
    }

    /**
     * Installs the watch as TLC's state writer (TLC 2.18 has no other hook that sees every state it
     * keeps); TLC's own -dump writer, if asked for, stays.
     */
    private static void watchStates(TLC tlc, TraceWatch watch) {
        try {
            java.lang.reflect.Field f = TLC.class.getDeclaredField("stateWriter");
            f.setAccessible(true);
            Object current = f.get(tlc);
            if (current == null || ((tlc2.util.IStateWriter) current).isNoop()) {
                f.set(tlc, watch);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no watch: the run goes on without trace positions
        }
    }

    /** Reports TLC's live counters every few seconds: TLC itself reports only once a minute. */
    private static Thread progressPoller(int seconds, EventRecorder recorder) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(seconds * 1000L);
                    AbstractChecker c = TLCGlobals.mainChecker;
                    Emulated.remember(c);
                    Emulated.periodic(recorder.events());
                    if (c instanceof ModelChecker) {
                        ModelChecker mc = (ModelChecker) c;
                        recorder.emitProgress(mc.getStatesGenerated(), mc.getDistinctStatesGenerated(),
                                mc.getStateQueueSize(), mc.getProgress(), "poll");
                    }
                }
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException ignored) {
                // the checker went away between the null check and the reads
            }
        }, "tlaconform-progress");
        t.setDaemon(true);
        return t;
    }

    /** The constants the cfg assigns, as JSON (read with TLC's own cfg parser). */
    private static void constants(String spec, String config, EventStream events) {
        ObjectNode e = EventStream.event(Events.CONSTANTS);
        ObjectNode out = e.putObject("constants");
        try {
            ModelConfig mc = new ModelConfig(config, new SimpleFilenameToStream(new File(spec).getAbsoluteFile().getParent()));
            mc.parse();
            Map<String, com.fasterxml.jackson.databind.JsonNode> sorted = new TreeMap<>();
            Vect<?> consts = mc.getConstants();
            for (int i = 0; i < consts.size(); i++) {
                Object line = consts.elementAt(i);
                if (line instanceof Vect) {
                    Vect<?> l = (Vect<?>) line;
                    Object value = l.elementAt(l.size() - 1);
                    String name = String.valueOf(l.elementAt(0));
                    if (l.size() == 2 && value instanceof IValue) {
                        sorted.put(name, TlcValues.toJson((IValue) value));
                    }
                }
            }
            for (Map.Entry<String, String> o : new TreeMap<>(mc.getOverrides()).entrySet()) {
                sorted.put(o.getKey(), com.fasterxml.jackson.databind.node.TextNode.valueOf("<- " + o.getValue()));
            }
            sorted.forEach(out::set);
        } catch (RuntimeException | Error unreadable) {
            // TLC reports a broken cfg itself, with its error code
        }
        events.emit(e);
    }

    /** Every RMI server socket of this JVM (registry, exported objects) listens on 127.0.0.1 only. */
    private static void bindRmiToLoopback() throws IOException {
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        RMISocketFactory.setSocketFactory(new RMISocketFactory() {
            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return new Socket(host, port);
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            }
        });
    }
}
