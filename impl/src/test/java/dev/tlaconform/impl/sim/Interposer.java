package dev.tlaconform.impl.sim;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.Protocol;
import dev.tlaconform.impl.core.ProtocolFactory;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.RandomSource;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Test helper: a protocol whose nodes see their inputs rewritten (a mutant: a node that
 * misreads what it is told), or whose steps are observed.
 */
final class Interposer {
    private Interposer() {}

    /** Wraps the configuration's protocol; {@code rewrite} maps each node's inputs. */
    static ProtocolFactory rewriting(SimConfig cfg, UnaryOperator<Input> rewrite) {
        return observing(cfg, (node, in) -> rewrite.apply(in), null);
    }

    /** {@code before}: (node, input) -> the input to hand the node; {@code after} sees (node, its effects), may be null. */
    static ProtocolFactory observing(SimConfig cfg, BiFunction<ProtocolNode, Input, Input> before,
            BiFunction<ProtocolNode, Effects, Void> after) {
        return sink -> wrap(Protocols.create(cfg, sink), before, after);
    }

    /** Node {@code bad}'s inputs rewritten; when {@code declared}, the protocol names it Byzantine. */
    static ProtocolFactory byzantine(SimConfig cfg, int bad, boolean declared, UnaryOperator<Input> rewrite) {
        return sink -> wrap(Protocols.create(cfg, sink), (node, in) -> node.id() == bad ? rewrite.apply(in) : in, null,
                declared ? bad : 0);
    }

    static Protocol wrap(Protocol inner, BiFunction<ProtocolNode, Input, Input> before,
            BiFunction<ProtocolNode, Effects, Void> after) {
        return wrap(inner, before, after, 0);
    }

    static Protocol wrap(Protocol inner, BiFunction<ProtocolNode, Input, Input> before,
            BiFunction<ProtocolNode, Effects, Void> after, int byzantine) {
        return new dev.tlaconform.impl.core.ForwardingProtocol(inner) {
            @Override
            public ProtocolNode newNode(int id, RandomSource random, long timeoutTicks) {
                ProtocolNode node = inner.newNode(id, random, timeoutTicks);
                return new dev.tlaconform.impl.core.ForwardingNode(node) {
                    @Override
                    public Effects step(Input input) {
                        Effects fx = node.step(before.apply(node, input));
                        if (after != null) {
                            after.apply(node, fx);
                        }
                        return fx;
                    }
                };
            }

            @Override
            public boolean isCorrect(int node) {
                return node != byzantine && inner.isCorrect(node);
            }
        };
    }

}
