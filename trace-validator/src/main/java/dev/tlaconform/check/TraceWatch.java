package dev.tlaconform.check;

import java.io.File;
import java.util.concurrent.atomic.AtomicLong;

import tlc2.TLCGlobals;
import tlc2.tool.Action;
import tlc2.tool.TLCState;
import tlc2.util.BitVector;
import tlc2.util.IStateWriter;
import tlc2.value.IValue;
import tlc2.value.impl.IntValue;
import util.UniqueString;

/**
 * Sees every state TLC keeps (installed as TLC's state writer, which TLC 2.18 calls for each
 * initial state and each successor that passed the constraints) and remembers how far the
 * behaviours got: the largest level and, for a trace spec whose position is a variable
 * ({@link TraceShape}), the largest value of that variable. Cheap: a variable lookup per state.
 */
final class TraceWatch implements IStateWriter {
    private final File specDir;
    private final AtomicLong maxLevel = new AtomicLong();
    private final AtomicLong maxPosition = new AtomicLong(Long.MIN_VALUE);
    private volatile boolean shapeKnown;
    private volatile TraceShape shape;
    private volatile UniqueString variable;

    TraceWatch(File specDir) {
        this.specDir = specDir;
    }

    /** The spec's shape (read from its definitions once TLC has processed it), or null. */
    TraceShape shape() {
        ensureShape();
        return shape;
    }

    long maxLevel() {
        return maxLevel.get();
    }

    /** The largest value of the position variable seen, or Long.MIN_VALUE. */
    long maxPosition() {
        return maxPosition.get();
    }

    private void ensureShape() {
        if (shapeKnown) {
            return;
        }
        synchronized (this) {
            if (shapeKnown || TLCGlobals.mainChecker == null || TLCGlobals.mainChecker.tool == null) {
                return;
            }
            try {
                shape = TraceShape.of(TLCGlobals.mainChecker.tool.getRootModule(), specDir);
            } catch (RuntimeException unreadable) {
                shape = null;
            }
            variable = shape != null && shape.variable() != null ? UniqueString.uniqueStringOf(shape.variable()) : null;
            shapeKnown = true;
        }
    }

    private void seen(TLCState state, int level) {
        maxLevel.accumulateAndGet(level, Math::max);
        ensureShape();
        UniqueString v = variable;
        if (v != null && state != null) {
            IValue x = state.lookup(v);
            if (x instanceof IntValue) {
                maxPosition.accumulateAndGet(((IntValue) x).val, Math::max);
            }
        }
    }

    @Override
    public void writeState(TLCState state) {
        seen(state, 1);
    }

    @Override
    public void writeState(TLCState state, TLCState successor, boolean successorStateIsNew) {
        if (successorStateIsNew) {
            seen(successor, state.getLevel() + 1);
            if (dev.tlaconform.community.TraceHistory.enabled()) {
                dev.tlaconform.community.TraceHistory.record(successor.fingerPrint(), state.fingerPrint());
            }
        }
    }

    @Override
    public void writeState(TLCState state, TLCState successor, boolean successorStateIsNew, Action action) {
        writeState(state, successor, successorStateIsNew);
    }

    @Override
    public void writeState(TLCState state, TLCState successor, boolean successorStateIsNew, Visualization v) {
        writeState(state, successor, successorStateIsNew);
    }

    @Override
    public void writeState(TLCState state, TLCState successor, BitVector actionChecks, int from, int length,
            boolean successorStateIsNew) {
        writeState(state, successor, successorStateIsNew);
    }

    @Override
    public void writeState(TLCState state, TLCState successor, BitVector actionChecks, int from, int length,
            boolean successorStateIsNew, Visualization v) {
        writeState(state, successor, successorStateIsNew);
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String getDumpFileName() {
        return "";
    }

    @Override
    public boolean isNoop() {
        return false;
    }

    @Override
    public boolean isDot() {
        return false;
    }

    @Override
    public void snapshot() {
        // nothing to write
    }
}
