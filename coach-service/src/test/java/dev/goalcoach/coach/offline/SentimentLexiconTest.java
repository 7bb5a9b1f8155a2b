package dev.goalcoach.coach.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.coach.Sentiment;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SentimentLexiconTest {

    private final SentimentLexicon lexicon = new SentimentLexicon();

    @Test
    void readsTheToneOfAnEntry() {
        var good = lexicon.analyze("Great run today, I feel proud and really motivated!", 4);
        assertThat(good.label()).isEqualTo("POSITIVE");
        assertThat(good.score()).isGreaterThan(0.5).isLessThanOrEqualTo(1);
        assertThat(good.emotions()).containsExactly("joy", "pride", "motivation");

        var bad = lexicon.analyze("I'm exhausted and anxious, skipped the gym again. Awful week.", 2);
        assertThat(bad.label()).isEqualTo("NEGATIVE");
        assertThat(bad.score()).isLessThan(-0.5).isGreaterThanOrEqualTo(-1);
        assertThat(bad.emotions()).contains("fatigue", "anxiety", "disappointment");
    }

    @Test
    void negationIntensifiersMixedAndMood() {
        assertThat(lexicon.analyze("I am not happy with today", null).label()).isEqualTo("NEGATIVE");
        assertThat(lexicon.analyze("not happy", null).emotions()).isEmpty();
        assertThat(lexicon.analyze("so tired", null).score())
                .isLessThan(lexicon.analyze("tired", null).score());
        assertThat(lexicon.analyze("Amazing morning but an awful, terrible evening and great dinner", null)
                        .label())
                .isEqualTo("MIXED");
        assertThat(lexicon.analyze("Went to the shop.", 5)).isEqualTo(new Sentiment(0.5, "POSITIVE", List.of()));
        assertThat(lexicon.analyze("Went to the shop.", null)).isEqualTo(new Sentiment(0.0, "NEUTRAL", List.of()));
        assertThat(lexicon.analyze("Went to the shop.", 1).label()).isEqualTo("NEGATIVE");
    }
}
