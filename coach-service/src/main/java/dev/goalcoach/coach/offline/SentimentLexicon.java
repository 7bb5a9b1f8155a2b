package dev.goalcoach.coach.offline;

import dev.goalcoach.coach.Sentiment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sentiment without a model: a small English lexicon of weighted words, negation ("not happy" counts against) and
 * intensifiers ("really tired" counts more), and emotion families named when their words appear. The score is
 * the words' weight squashed into −1…1; an entry with both strong praise and strong complaint is MIXED; with no
 * word it knows, the member's own mood (1–5) speaks.
 */
public final class SentimentLexicon {

    public static final String MODEL = "lexicon-v1";

    private static final Map<String, Double> WEIGHTS = new LinkedHashMap<>();
    private static final Map<String, String> EMOTIONS = new LinkedHashMap<>();

    static {
        words(
                2.0,
                "great",
                "amazing",
                "awesome",
                "fantastic",
                "wonderful",
                "excellent",
                "love",
                "loved",
                "proud",
                "thrilled",
                "excited",
                "grateful",
                "thankful",
                "joy",
                "happy",
                "best");
        words(
                1.0,
                "good",
                "nice",
                "fine",
                "glad",
                "better",
                "calm",
                "relaxed",
                "motivated",
                "energized",
                "energised",
                "focused",
                "determined",
                "confident",
                "hopeful",
                "progress",
                "accomplished",
                "enjoyed",
                "fun",
                "strong",
                "rested",
                "easy",
                "win",
                "won",
                "improved");
        words(
                -1.0,
                "tired",
                "bored",
                "meh",
                "hard",
                "difficult",
                "slow",
                "late",
                "missed",
                "skipped",
                "lazy",
                "sore",
                "busy",
                "worried",
                "nervous",
                "annoyed",
                "frustrated",
                "stressed",
                "behind",
                "struggled",
                "struggling",
                "sleepy",
                "drained",
                "lonely",
                "sick");
        words(
                -2.0,
                "terrible",
                "awful",
                "horrible",
                "hate",
                "hated",
                "miserable",
                "depressed",
                "hopeless",
                "angry",
                "furious",
                "exhausted",
                "anxious",
                "sad",
                "failed",
                "failure",
                "worst",
                "overwhelmed",
                "scared",
                "cried",
                "crying",
                "pain",
                "burned",
                "burnt");
        emotions(
                "joy",
                "happy",
                "joy",
                "great",
                "amazing",
                "awesome",
                "fantastic",
                "wonderful",
                "glad",
                "fun",
                "enjoyed",
                "love",
                "loved",
                "thrilled");
        emotions("pride", "proud", "accomplished", "win", "won", "strong", "improved");
        emotions("gratitude", "grateful", "thankful");
        emotions(
                "motivation",
                "motivated",
                "determined",
                "focused",
                "energized",
                "energised",
                "excited",
                "confident",
                "hopeful");
        emotions("calm", "calm", "relaxed", "rested");
        emotions("sadness", "sad", "depressed", "lonely", "cried", "crying", "miserable", "hopeless");
        emotions("anger", "angry", "furious", "annoyed", "frustrated", "hate", "hated");
        emotions("anxiety", "anxious", "worried", "nervous", "stressed", "scared", "overwhelmed");
        emotions("fatigue", "tired", "exhausted", "drained", "sleepy", "sore", "burned", "burnt");
        emotions("disappointment", "failed", "failure", "missed", "skipped", "behind", "struggled", "struggling");
    }

    private static final Set<String> NEGATIONS = Set.of(
            "not",
            "no",
            "never",
            "hardly",
            "isn't",
            "wasn't",
            "don't",
            "didn't",
            "doesn't",
            "can't",
            "couldn't",
            "won't",
            "nothing",
            "without");
    private static final Set<String> INTENSIFIERS =
            Set.of("very", "so", "really", "extremely", "super", "totally", "incredibly", "too");

    public Sentiment analyze(String text, Integer mood) {
        String[] tokens = (text == null ? "" : text.toLowerCase(Locale.ROOT))
                .replace('’', '\'')
                .split("[^a-z']+");
        double positive = 0;
        double negative = 0;
        int negateFor = 0;
        double boost = 1;
        var emotions = new ArrayList<String>();
        for (String token : tokens) {
            if (token.isEmpty()) {
                continue;
            }
            if (NEGATIONS.contains(token) || token.endsWith("n't")) {
                negateFor = 3;
                continue;
            }
            if (INTENSIFIERS.contains(token)) {
                boost = 1.5;
                continue;
            }
            Double w = WEIGHTS.get(token);
            if (w != null) {
                double weight = w * boost * (negateFor > 0 ? -0.75 : 1);
                if (weight > 0) {
                    positive += weight;
                } else {
                    negative -= weight;
                }
                String emotion = EMOTIONS.get(token);
                if (emotion != null && negateFor == 0 && !emotions.contains(emotion) && emotions.size() < 10) {
                    emotions.add(emotion);
                }
            }
            boost = 1;
            negateFor = Math.max(0, negateFor - 1);
        }
        if (positive == 0 && negative == 0) {
            double fromMood = mood == null ? 0 : (mood - 3) / 4.0;
            return new Sentiment(round(fromMood), label(fromMood, 0, 0), List.of());
        }
        double score = Math.tanh((positive - negative) / 4.0);
        return new Sentiment(round(score), label(score, positive, negative), emotions);
    }

    private static String label(double score, double positive, double negative) {
        if (positive >= 2 && negative >= 2 && Math.abs(positive - negative) <= Math.max(positive, negative) / 2) {
            return "MIXED";
        }
        return score > 0.15 ? "POSITIVE" : score < -0.15 ? "NEGATIVE" : "NEUTRAL";
    }

    private static double round(double score) {
        return Math.max(-1, Math.min(1, Math.round(score * 1000) / 1000.0));
    }

    private static void words(double weight, String... words) {
        for (String w : words) {
            WEIGHTS.put(w, weight);
        }
    }

    private static void emotions(String emotion, String... words) {
        for (String w : words) {
            EMOTIONS.putIfAbsent(w, emotion);
        }
    }
}
