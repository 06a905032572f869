package dev.tlaconform.check;

/** TLC's figures while it runs (states generated, distinct states, queue, search depth). */
public record CheckProgress(long generated, long distinct, long queue, long depth) {}
