package io.cutover.copy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a copy has to move, from the planner's statistics. */
class TableEstimateTest {

    @Test
    void anAnalysedTableIsScaledToItsSizeNow() {
        // Analysed at 10 pages and 1,000 rows; 20 pages now.
        assertThat(TableEstimate.estimate(1_000, 10, 20 * 8192)).isEqualTo(2_000);
    }

    @Test
    void aTableNeverAnalysedOrAnalysedWhileEmptyNeedsACount() {
        assertThat(TableEstimate.estimate(-1, 0, 8192)).isEqualTo(-1);
        assertThat(TableEstimate.estimate(0, 0, 8192)).isEqualTo(-1);
        assertThat(TableEstimate.estimate(0, 0, 0)).isZero();
    }

    @Test
    void rowsDoneWeighByTheTablesBytes() {
        TableEstimate wide = new TableEstimate("public.wide", 100, 1_000_000);
        assertThat(wide.bytesFor(25)).isEqualTo(250_000);
        assertThat(wide.bytesFor(400)).as("never more than the table").isEqualTo(1_000_000);
        assertThat(new TableEstimate("public.dead", 0, 8192).bytesFor(0)).as("nothing to copy is done").isEqualTo(8192);
    }

}
