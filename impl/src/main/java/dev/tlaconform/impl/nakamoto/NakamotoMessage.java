package dev.tlaconform.impl.nakamoto;

import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Message;

/**
 * A block announcement: the sender's new tip (a block it mined, or the adversary's released
 * block), with the chain behind it reachable through {@link NakamotoBlock#prev()}. The trace logs
 * the tip's record (Nakamoto.tla's msgs hold block records).
 */
public record NakamotoMessage(int from, NakamotoBlock tip) implements Message {
    @Override
    public String type() {
        return "block";
    }

    @Override
    public void writeJson(JsonOut out) {
        tip.writeJson(out);
    }
}
