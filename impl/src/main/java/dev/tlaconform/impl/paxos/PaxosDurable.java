package dev.tlaconform.impl.paxos;

/**
 * Everything a Paxos node makes durable: the acceptor's promise and vote and the proposer's
 * ballot. A restarted node keeps exactly this (specs/paxos/EVENTS.md, "Durability contract").
 */
public record PaxosDurable(int maxBal, int maxVBal, String maxVal, int pBal) {
    public static final PaxosDurable INITIAL = new PaxosDurable(-1, -1, "", -1);
}
