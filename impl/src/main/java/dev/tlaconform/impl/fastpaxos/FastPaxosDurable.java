package dev.tlaconform.impl.fastpaxos;

/**
 * Everything a Fast Paxos node makes durable: the acceptor's promise and vote and the highest
 * ballot it started as a coordinator (specs/fastpaxos/EVENTS.md, "Durability contract").
 */
public record FastPaxosDurable(int maxBal, int maxVBal, String maxVal, int cBal) {
    public static final FastPaxosDurable INITIAL = new FastPaxosDurable(-1, -1, "", -1);
}
