package dev.tlaconform.impl.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares which spec action(s) a handler implements: the one place the spec-to-code pairing is
 * written down. {@code tlaconform walkthrough} reads it to pair each action's TLA+ text with the
 * method, and a test fails when a spec action has no handler or a handler names an action the
 * spec lacks. Values are action names as the trace's {@code action} field spells them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SpecAction {
    /** The spec action names this method implements (usually one). */
    String[] value();
}
