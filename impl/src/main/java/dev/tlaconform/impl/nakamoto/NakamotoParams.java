package dev.tlaconform.impl.nakamoto;

/**
 * One run's constants, shared by every node: the genesis block, the public transactions 1..values
 * (the adversary's conflicting ones are values+1..2·values; transaction t spends output
 * ((t − 1) mod values) + 1), the proof-of-work difficulty in leading zero bits, each honest node's
 * hashes per tick, the adversary's, the confirmation depth K, and the height at which an honest
 * node is done (every public transaction K deep: values + K).
 */
public record NakamotoParams(NakamotoBlock genesis, int values, int difficulty, int hashesPerTick,
        int adversaryHashesPerTick, int k) {
    public int outputs() {
        return values;
    }

    public int targetHeight() {
        return values + k;
    }
}
