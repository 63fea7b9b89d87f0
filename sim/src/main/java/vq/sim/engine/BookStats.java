package vq.sim.engine;

/**
 * What the simulator saw and did with one symbol's L2 book during a run (for reports and tests).
 *
 * @param rows              book rows (level changes) applied, snapshot levels included
 * @param updates           book updates (groups of rows with one timestamp) applied
 * @param snapshots         snapshot starts seen (more than one = the stream re-synced)
 * @param rowsBeforeSnapshot rows skipped because the book was unknown: before the first snapshot, or after an
 *                          update-id gap until the snapshot that re-synced it
 * @param gaps              update-id gaps marked in the stream (flags bit 1): the book stopped being used there
 * @param crossedUpdates    updates after which the best bid was at or above the best ask (reported, not fixed)
 * @param firstCrossedNs    time of the first crossed update, epoch ns, or Long.MIN_VALUE when none
 * @param bookFills         fills that walked the book (market, marketable limit, IOC/FOK, triggered stop)
 * @param levelsConsumed    price levels touched by those fills, summed
 * @param queueFills        fills of resting limits from trade prints after their queue ahead was consumed
 * @param fokRejects        FOK orders expired because the book's depth within their limit was too small
 */
public record BookStats(long rows, long updates, long snapshots, long rowsBeforeSnapshot, long gaps, long crossedUpdates, long firstCrossedNs,
                        long bookFills, long levelsConsumed, long queueFills, long fokRejects) {}
