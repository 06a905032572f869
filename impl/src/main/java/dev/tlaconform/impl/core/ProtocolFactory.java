package dev.tlaconform.impl.core;

/**
 * Builds a run's {@link Protocol}, wiring its nodes' trace events to {@code sink} (null = no
 * trace). The simulator's default comes from the run's configuration; tests and mutation
 * campaigns pass their own (e.g. a protocol whose nodes are wrapped by a fault interposer).
 */
@FunctionalInterface
public interface ProtocolFactory {
    Protocol create(EventSink sink);
}
