package io.cutover.sync;

import static io.cutover.verify.Sizes.human;

/**
 * Judges the WAL a slot keeps against the source volume: the seed's Flex volume is 1 GB,
 * and a full volume stops the production database. What the volume has besides the
 * database is the room WAL can take.
 */
final class SlotRetention {

    private SlotRetention() {
    }

    /**
     * @return {level, message}: ok (message null), warn or danger
     */
    static String[] judge(long retained, long volume, long database, String walStatus) {
        if ("lost".equals(walStatus)) {
            return new String[] { "danger",
                    "The slot lost WAL it still needed (max_slot_wal_keep_size): the stream cannot continue. Abort the sync and start it again." };
        }
        if (volume <= 0) {
            return new String[] { "ok", null };
        }
        long room = Math.max(1, volume - database);
        String size = human(retained) + " of WAL kept for the slot; the source volume (" + human(volume)
                + ") has about " + human(room) + " besides the database";
        if (retained >= room * 8 / 10) {
            return new String[] { "danger", size
                    + ". If it fills, the source stops accepting writes: cut over now, or abort the sync (it drops the slot)." };
        }
        if (retained >= room / 2) {
            return new String[] { "warn",
                    size + ". Plan the cutover soon, or extend the volume (fly volumes extend)." };
        }
        return new String[] { "ok", null };
    }

}
