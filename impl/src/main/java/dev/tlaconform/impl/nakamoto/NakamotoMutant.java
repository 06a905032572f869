package dev.tlaconform.impl.nakamoto;

import dev.tlaconform.impl.core.Mutant;

/**
 * Seeded bugs of {@link NakamotoNode} ({@code tlaconform mutants}): each breaks a rule of
 * Nakamoto's paper (section 5: "nodes always consider the longest chain to be the correct one";
 * "accept the block only if all transactions in it are valid and not already spent") or of
 * specs/nakamoto/Nakamoto.tla.
 */
public enum NakamotoMutant implements Mutant {
    /** Receive adopts a valid chain of any other height, a shorter one too. */
    ACCEPT_SHORTER_CHAIN("accept-shorter-chain", "node adopts a received chain shorter than its own"),
    /** Receive adopts a valid chain of the same height (ties go to the latest, not the first received). */
    ACCEPT_TIE("accept-tie", "node switches to a received chain as long as its own (ties to the latest)"),
    /** Mine claims the parent's height + 2. */
    MINE_WRONG_HEIGHT("mine-wrong-height", "miner claims a height two above its parent's"),
    /** Mine includes transaction 1 again although the chain holds it. */
    INCLUDE_SPENT("include-spent", "miner includes a transaction its chain already holds (a spent output)"),
    /** After adopting a chain the miner keeps hashing on the old tip. */
    MINE_ON_STALE_TIP("mine-on-stale-tip", "miner keeps mining on its previous tip after adopting a longer chain"),
    /** Receive does not check the transactions of the blocks it lacks. */
    SKIP_SPEND_CHECK("skip-spend-check", "node accepts blocks whose transactions spend outputs the chain already spent"),
    /** Receive does not check that a block's height is its parent's + 1. */
    SKIP_HEIGHT_CHECK("skip-height-check", "node accepts a block whose height is not its parent's + 1");

    private final String label;
    private final String description;

    NakamotoMutant(String label, String description) {
        this.label = label;
        this.description = description;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String description() {
        return description;
    }

    public static NakamotoMutant of(String label) {
        return Mutant.of(values(), label);
    }
}
