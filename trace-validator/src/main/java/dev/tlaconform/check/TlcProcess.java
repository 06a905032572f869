package dev.tlaconform.check;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.Consumer;

import tlc2.TLC;
import tlc2.TLCGlobals;
import tlc2.output.EC;
import tlc2.output.MP;
import tlc2.tool.ModelChecker;
import tlc2.tool.fp.FPSetConfiguration;
import tlc2.tool.fp.FPSetFactory;
import tlc2.tool.impl.FastTool;
import tlc2.util.FP64;
import tlc2.util.IStateWriter;
import tlc2.util.RandomGenerator;
import tlc2.value.RandomEnumerableValues;
import util.Assert.TLCRuntimeException;
import util.FilenameToStream;

/**
 * TLC 2.18's {@code TLC.process()} for breadth-first model checking (the only mode {@code check}
 * uses), with one step added: between loading the spec (SANY and TLC's spec processing, in
 * {@link FastTool}) and creating the model checker (which processes the temporal properties),
 * {@code loaded} sees the loaded spec. TLC's own arguments, already parsed by
 * {@code TLC.handleParameters}, are read from its fields; messages, exit codes and the handling
 * of failures are TLC's.
 */
final class TlcProcess {
    private TlcProcess() {}

    static int run(TLC tlc, Consumer<FastTool> loaded) {
        long start = System.currentTimeMillis();
        try {
            String mainFile = (String) get(tlc, "mainFile");
            String configFile = (String) get(tlc, "configFile");
            String metadir = (String) get(tlc, "metadir");
            String fromChkpt = (String) get(tlc, "fromChkpt");
            FilenameToStream resolver = (FilenameToStream) get(tlc, "resolver");
            IStateWriter stateWriter = (IStateWriter) get(tlc, "stateWriter");
            FPSetConfiguration fpConfig = (FPSetConfiguration) get(tlc, "fpSetConfiguration");
            int fpIndex = (Integer) get(tlc, "fpIndex");
            boolean deadlock = (Boolean) get(tlc, "deadlock");
            long startTime = (Long) get(tlc, "startTime");
            if (fromChkpt != null) {
                throw new IllegalStateException("TlcProcess: checkpoint recovery is not supported here");
            }
            FP64.Init(fpIndex);
            long seed = (Boolean) get(tlc, "noSeed") ? new RandomGenerator().nextLong() : (Long) get(tlc, "seed");
            RandomEnumerableValues.setSeed(seed);
            Method banner = TLC.class.getDeclaredMethod("printStartupBanner", int.class, Map.class);
            banner.setAccessible(true);
            banner.invoke(tlc, EC.TLC_MODE_MC, TLC.getModelCheckingRuntime(fpIndex, fpConfig));
            FastTool tool = new FastTool(mainFile, configFile, resolver);
            loaded.accept(tool);
            boolean checkDeadlock = deadlock && tool.getModelConfig().getCheckDeadlock();
            TLCGlobals.mainChecker = new ModelChecker(tool, metadir, stateWriter, checkDeadlock, fromChkpt,
                    FPSetFactory.getFPSetInitialized(fpConfig, metadir, new File(mainFile).getName()), startTime);
            return TLCGlobals.mainChecker.modelCheck();
        } catch (java.lang.reflect.InvocationTargetException e) {
            return failed(e.getCause());
        } catch (Throwable e) {
            return failed(e);
        } finally {
            MP.printMessage(EC.TLC_FINISHED, (System.currentTimeMillis() - start) / 1000 + "s");
            MP.flush();
        }
    }

    /** TLC.process()'s handling of a failure: its message, and its EC code as the result. */
    private static int failed(Throwable e) {
        if (e instanceof StackOverflowError) {
            System.gc();
            return MP.printError(EC.SYSTEM_STACK_OVERFLOW, e);
        }
        if (e instanceof OutOfMemoryError) {
            System.gc();
            return MP.printError(EC.SYSTEM_OUT_OF_MEMORY, e);
        }
        if (e instanceof TLCRuntimeException) {
            return MP.printTLCRuntimeException((TLCRuntimeException) e);
        }
        return MP.printError(EC.GENERAL, e);
    }

    private static Object get(TLC tlc, String name) throws ReflectiveOperationException {
        Field f = TLC.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(tlc);
    }
}
