package dev.goalcoach.kit.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class PageViewTest {

    @Test
    void aShortPageTellsTheTotalAndAFullOrAnEmptyLaterOneDoesNot() {
        assertThat(PageView.knownTotal(0, 20, 3)).hasValue(3);
        assertThat(PageView.knownTotal(0, 20, 0)).hasValue(0); // nothing at all
        assertThat(PageView.knownTotal(2, 20, 5)).hasValue(45); // the last page
        assertThat(PageView.knownTotal(0, 20, 20)).isEmpty(); // full: more may follow
        assertThat(PageView.knownTotal(3, 20, 0)).isEmpty(); // past the end: how far is unknown
    }
}
