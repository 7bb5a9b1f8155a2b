package dev.goalcoach.kit.ai;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a question to the coach or the copilot asks, read without a model: its intent, and for a question about
 * figures which ones (the current or longest streak, adherence over which windows, habit strength, risk), and for a
 * setback which day it names. Keyword rules, the order they are tried in deciding: an attempt to steer the assistant
 * or reach someone else's data first, then a setback (a missed day, wanting to quit; a member's) or what to say (a
 * mentor's), a plan change, this week against last, a past day's record (a member's), a scheduling question, what is
 * due today, who needs attention (a mentor's), figures by name, progress; a greeting or a question about the
 * assistant is help; the rest is off topic.
 */
public final class Questions {

    /** Who asks: a member about themselves (the coach) or a mentor about a mentee (the copilot). */
    public enum Audience {
        MEMBER,
        MENTOR
    }

    public enum Intent {
        /** Instructions to the assistant, or asking for another person's data. */
        INJECTION,
        /** A missed day, a slip, or wanting to give up. */
        SETBACK,
        /** Asking for the plan to change: easier, harder, other days, another habit. */
        PLAN_CHANGE,
        /** When or how often a habit is scheduled. */
        SCHEDULE,
        /** This week against last week. */
        WEEK_OVER_WEEK,
        /** What is due today, what is left. */
        DUE_TODAY,
        /** One or more figures by name. */
        METRIC,
        /** What a given day's record was (yesterday, on Monday). */
        DAY,
        /** How it is going overall. */
        PROGRESS,
        /** Who needs attention (a mentor's roster). */
        ATTENTION,
        /** What to say to a mentee. */
        SAY,
        /** A greeting, thanks, or what the assistant can do. */
        HELP,
        /** Anything else. */
        OFF_TOPIC
    }

    public enum Metric {
        CURRENT_STREAK,
        LONGEST_STREAK,
        ADHERENCE,
        STRENGTH,
        RISK
    }

    /**
     * The question read: its intent; the figures it names (in the order named); the adherence windows it names
     * (7, 30, 90; none: the caller's default); for a setback whether it speaks of quitting, how many days ago the day
     * it names was (0 today, 1 yesterday; null: none named) or the weekday it names.
     */
    public record Asked(
            Intent intent,
            List<Metric> metrics,
            List<Integer> windows,
            boolean quitting,
            Integer daysAgo,
            DayOfWeek weekday) {}

    private static Pattern p(String regex) {
        return Pattern.compile(regex);
    }

    private static final Pattern INJECTION = p("\\b(ignore|disregard|forget|override|bypass)\\b.{0,30}\\b(instruction"
            + "|rule|prompt|guideline|above|previous|prior)|system prompt|developer mode|jailbreak|\\byou are now\\b"
            + "|\\bact as\\b|\\bpretend\\b|\\b(another|other|someone else'?s?|somebody else'?s?|every(one|body)'?s?)"
            + " (member|user|person|people|client|mentee|mentor)s?'?s?\\b.{0,40}\\b(data|numbers?|stats?|streaks?"
            + "|check-?ins?|adherence|goals?|habits?|info|details|email|progress)"
            + "|\\b(all|other) (members|users|mentors|mentees of)\\b"
            + "|\\b(api key|password|database|sql|admin)\\b|\\breveal\\b|\\b(your|the) (system )?(prompt|instructions)\\b"
            + "|\\b(show|tell|give|send) me (?!my\\b)\\w+'s\\b");
    private static final Pattern QUIT = p("\\b(give up|giving up|quit(ting)?|stop trying|throw in the towel|no point"
            + "|pointless|not worth it|what'?s the point|abandon|drop (it|everything|out)|should i (just )?stop|stopping"
            + "|stop (doing|it|this|everything))\\b");
    private static final Pattern MISSED =
            p("\\b(miss(ed|ing)?|skip(ped|ping)?|forg[eo]t|didn'?t (do|log|check|make|go|get|hit"
                    + "|manage)|did not (do|log|check|make|manage)|fail(ed)?|blew|blown|went over|exceeded|broke my streak"
                    + "|lost my streak|slipped|fell off|fallen off|behind|haven'?t (done|logged|checked|been)|have not (done"
                    + "|logged|checked)|slack(ed|ing)?|messed up|screwed up|off track|fell behind)\\b");
    private static final Pattern STRUGGLE = p("\\b(tired|exhausted|unmotivated|motivat\\w*|struggl\\w*|lazy|stressed"
            + "|overwhelmed|burn(ed|t)? out|sick|can'?t keep up|too busy|hard to keep|feeling (down|low|bad|sad)|depressed"
            + "|discouraged|demotivated|frustrated)\\b");
    private static final Pattern PLAN_CHANGE = p("\\b(change|adjust|modify|update|swap|replace|switch|drop|remove|add"
            + "|lighten|reduce|increase|lower|raise|move)\\b.{0,40}\\b(plans?|habits?|schedules?|goals?|targets?|days?"
            + "|times|gym|run|runs|walks?)\\b|\\breschedul\\w*|\\b(less|more) (often|frequently)\\b"
            + "|\\b(make|making) (it|my plan|the plan|this) (easier|harder|lighter|lighter)\\b|\\btoo (hard|easy|much"
            + "|little|ambitious)\\b|\\b(fewer|less|more) (days|times|sessions)\\b|\\bsuggestions?\\b");
    private static final Pattern SCHEDULE = p("\\b(when|what time|which days?|what days?|how often|how many times"
            + "|target|limit|how much (should|do|must) i|what('?s| is| are) my (plan|habits|goals|schedule)"
            + "|list my (habits|goals))\\b"
            + "|\\bschedul(e|ed)\\b|\\bon (mon|tues|wednes|thurs|fri|satur|sun)days\\b");
    private static final Pattern WEEK_OVER_WEEK = p("\\b(last week|previous week|week before|week over week"
            + "|week-over-week|since last week|than last week|compared?|versus|vs\\.?|trend|improv\\w*|getting"
            + " (better|worse)|chang(ed|es) since)\\b");
    private static final Pattern DUE_TODAY = p("\\b(what'?s (due|next|left)|left to do|still to do|to-?do|due (today"
            + "|now)|what (should|can) i do|what do i (have|need) to do|(anything|something) (left|due|else)"
            + "|(habits?|plan|do|due|left|next|scheduled)\\b.{0,20}\\b(today|tonight)"
            + "|(today|tonight)\\b.{0,20}\\b(habits?"
            + "|plan|to do|due|left|next|scheduled))\\b");
    private static final Pattern LONGEST = p("\\b(longest|best|record|highest|biggest|max(imum)?)\\b.{0,20}\\bstreak"
            + "|\\bstreak\\b.{0,20}\\b(record|ever|longest|best)\\b");
    private static final Pattern STREAK = p("\\bstreaks?\\b|\\bin a row\\b|\\bconsecutive\\b");
    private static final Pattern ADHERENCE = p("\\b(adherence|consistency|consistent|completion|success rate"
            + "|hit rate|percent(age)?|%|how often did i|how many did i|how many (days|times) (have|did) i"
            + "|(?<!risk )score)\\b|%");
    private static final Pattern STRENGTH =
            p("\\b(strength|strong(est)?|weak(est)?|automatic|ingrained|sticking|stuck|solid|worst at|best at"
                    + "|focus on|needs? (the most )?work)\\b");
    private static final Pattern RISK = p("\\b(risk|at risk|danger|warning|red flag|risky)\\b");
    private static final Pattern PROGRESS = p("\\b(how am i|how('| a)?m i doing|how'?s it going|how is it going|how"
            + " are things|progress|on track|stats?|summary|overview|status|doing so far|report|going well"
            + "|how did i do|how have i been|how (is|are|'s) .{0,30}going)\\b");
    private static final Pattern ATTENTION = p("\\b(attention|slipping|at risk|riskiest|struggling|worr\\w*|who needs"
            + "|who is behind|who'?s behind|follow up)\\b");
    private static final Pattern SAY = p("\\b(say|what (should|do|can) i tell|tell (them|him|her)|message|write to"
            + "|talk to|approach|encourag\\w*|next session|bring up|ask (them|him|her))\\b");
    private static final Pattern MENTEE_STATUS =
            p("\\b(how is|how's|how are|doing|update|status|going on|getting on|news)\\b");
    private static final Pattern TODAY = p("\\b(on my plate|(my|i)\\b.{0,25}\\b(today|tonight))\\b");
    private static final Pattern HELP = p("^\\W*(hi|hello|hey|good (morning|evening|afternoon)|thanks?|thank you"
            + "|help|who are you|what can you do|what do you do)\\b|\\bwhat can you (do|help)\\b");
    private static final Pattern WINDOW = p("\\b(7|30|90|seven|thirty|ninety)[- ]?days?\\b|\\b(this|last|past|the)"
            + " (week|month|quarter|three months|3 months)\\b|\\bweekly\\b|\\bmonthly\\b");
    private static final Pattern DAYS_AGO =
            p("\\b(yesterday|today|tonight|this morning|(\\d+|two|three|a few|few)" + " days ago)\\b");
    private static final Pattern WEEKDAY = p("\\b(mon|tues|wednes|thurs|fri|satur|sun)day\\b");

    public static Asked read(String question, Audience audience) {
        String q = question == null ? "" : question.toLowerCase(Locale.ROOT).replace('’', '\'');
        if (INJECTION.matcher(q).find()) {
            return of(Intent.INJECTION);
        }
        boolean quitting = QUIT.matcher(q).find();
        if (audience == Audience.MEMBER
                && (quitting || MISSED.matcher(q).find() || STRUGGLE.matcher(q).find())) {
            return new Asked(Intent.SETBACK, List.of(), List.of(), quitting, daysAgo(q), weekday(q));
        }
        if (audience == Audience.MENTOR && SAY.matcher(q).find()) {
            return of(Intent.SAY);
        }
        if (PLAN_CHANGE.matcher(q).find()) {
            return of(Intent.PLAN_CHANGE);
        }
        if (WEEK_OVER_WEEK.matcher(q).find()) {
            return of(Intent.WEEK_OVER_WEEK);
        }
        var metrics = metrics(q);
        Integer daysAgo = daysAgo(q);
        DayOfWeek weekday = weekday(q);
        if (audience == Audience.MEMBER && metrics.isEmpty() && ((daysAgo != null && daysAgo > 0) || weekday != null)) {
            return new Asked(Intent.DAY, List.of(), List.of(), false, daysAgo, weekday);
        }
        if (SCHEDULE.matcher(q).find() && metrics.isEmpty()) {
            return of(Intent.SCHEDULE);
        }
        if (audience == Audience.MEMBER && DUE_TODAY.matcher(q).find() && metrics.isEmpty()) {
            return of(Intent.DUE_TODAY);
        }
        if (audience == Audience.MENTOR && ATTENTION.matcher(q).find() && !metrics.contains(Metric.RISK)) {
            return of(Intent.ATTENTION);
        }
        if (!metrics.isEmpty()) {
            return new Asked(Intent.METRIC, metrics, windows(q), false, null, null);
        }
        if (PROGRESS.matcher(q).find()) {
            return of(Intent.PROGRESS);
        }
        if (audience == Audience.MENTOR && ATTENTION.matcher(q).find()) {
            return of(Intent.ATTENTION);
        }
        if (HELP.matcher(q).find()) {
            return of(Intent.HELP);
        }
        if (audience == Audience.MEMBER && TODAY.matcher(q).find()) {
            return of(Intent.DUE_TODAY);
        }
        if (audience == Audience.MENTOR && MENTEE_STATUS.matcher(q).find()) {
            return of(Intent.PROGRESS);
        }
        return of(Intent.OFF_TOPIC);
    }

    private static Asked of(Intent intent) {
        return new Asked(intent, List.of(), List.of(), false, null, null);
    }

    private static List<Metric> metrics(String q) {
        var found = new ArrayList<int[]>(); // {position, metric}
        find(LONGEST, q, Metric.LONGEST_STREAK, found);
        if (found.isEmpty()) {
            find(STREAK, q, Metric.CURRENT_STREAK, found);
        } else {
            // "current streak and longest": both
            Matcher current =
                    p("\\b(current|now|right now|today)\\b.{0,15}\\bstreak|\\bstreak\\b.{0,15}\\b(now|current)")
                            .matcher(q);
            if (current.find()) {
                found.add(new int[] {current.start(), Metric.CURRENT_STREAK.ordinal()});
            }
        }
        find(ADHERENCE, q, Metric.ADHERENCE, found);
        find(STRENGTH, q, Metric.STRENGTH, found);
        find(RISK, q, Metric.RISK, found);
        found.sort((a, b) -> Integer.compare(a[0], b[0]));
        var out = new LinkedHashSet<Metric>();
        found.forEach(f -> out.add(Metric.values()[f[1]]));
        return List.copyOf(out);
    }

    private static void find(Pattern pattern, String q, Metric metric, List<int[]> found) {
        Matcher m = pattern.matcher(q);
        if (m.find()) {
            found.add(new int[] {m.start(), metric.ordinal()});
        }
    }

    private static List<Integer> windows(String q) {
        var out = new LinkedHashSet<Integer>();
        Matcher m = WINDOW.matcher(q);
        while (m.find()) {
            String w = m.group();
            if (w.matches(".*\\b(7|seven|week|weekly)\\b.*")) {
                out.add(7);
            } else if (w.matches(".*\\b(30|thirty|month|monthly)\\b.*")) {
                out.add(30);
            } else if (w.matches(".*\\b(90|ninety|quarter|three months|3 months)\\b.*")) {
                out.add(90);
            }
        }
        return List.copyOf(out);
    }

    private static Integer daysAgo(String q) {
        Matcher m = DAYS_AGO.matcher(q);
        if (!m.find()) {
            return null;
        }
        String d = m.group(1);
        return switch (d) {
            case "yesterday" -> 1;
            case "today", "tonight", "this morning" -> 0;
            default -> {
                String n = d.replace(" days ago", "");
                yield switch (n) {
                    case "two" -> 2;
                    case "three" -> 3;
                    case "a few", "few" -> null;
                    default -> Integer.parseInt(n);
                };
            }
        };
    }

    private static DayOfWeek weekday(String q) {
        Matcher m = WEEKDAY.matcher(q);
        if (!m.find()) {
            return null;
        }
        String prefix = m.group(1);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return d;
            }
        }
        return null;
    }

    private Questions() {}
}
