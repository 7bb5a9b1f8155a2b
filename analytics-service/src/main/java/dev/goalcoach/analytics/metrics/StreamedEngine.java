package dev.goalcoach.analytics.metrics;

import dev.goalcoach.warehouse.PostgresDialect;
import dev.goalcoach.warehouse.Table;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;

/**
 * The recomputation on PostgreSQL, with the facts read once: the members' latest check-ins stream out of the
 * warehouse in member, then habit order, each habit's metrics are computed in the service as its rows end ({@link HabitHistory}:
 * the statements' definitions, pass for pass), and the rows go back by {@code COPY}; the strength as shown, risk and
 * the risk changes are the statements {@link MetricsEngine} runs, over the rows written. The same scope, bucket
 * locks, deletes and transaction as {@link MetricsEngine#refresh}, whose rows it writes ({@code
 * StreamedEngineTest}): each statement of the engine passes over 2–3 million habit-days at 1–3 µs a row on these
 * cores (docs/decisions/0021-recomputing-in-the-service.md); one sorted read and one pass in Java do not.
 */
public final class StreamedEngine implements Recompute {

    private static final Logger LOG = Logger.getLogger(StreamedEngine.class);

    private static final PostgresDialect SQL = new PostgresDialect();

    private static final MetricsEngine STATEMENTS = new MetricsEngine(SQL);

    private static final HabitDays DAYS = new HabitDays(SQL);

    /** The members asked about (refresh_scope) with what risk reads of their days (first_day, last_day). */
    private static final String MEMBERS = "refresh_members";

    private static final String MEMBERS_COLUMNS =
            "member_id uuid primary key, today date not null, first_day date, last_day date";

    /** The work tables a refresh and a replay fill, created once per connection. */
    private static final String WORK_TABLES =
            SQL.createWorkTable("refresh_scope", DAYS.workTables().get("refresh_scope")) + "; "
                    + SQL.createWorkTable(MEMBERS, MEMBERS_COLUMNS);

    /** Each habit's latest check-in per day up to its member's today, by member, habit and day. */
    private static final String CHECKINS = "select distinct on (c.member_id, c.habit_id, c.local_date) c.member_id,"
            + " c.habit_id, c.local_date, c.status, c.value from fact_checkins c join refresh_scope s"
            + " on s.member_id = c.member_id where c.local_date <= s.today"
            + " order by c.member_id, c.habit_id, c.local_date, c.recorded_at desc, c.version desc";

    private static final String RISK = new RiskSql(SQL)
            .of(
                    " members as (select member_id, today, first_day from " + MEMBERS + " where first_day is not"
                            + " null),",
                    " last_checkin as (select member_id, last_day from " + MEMBERS + " where last_day is not null),");

    /** Rows buffered for one {@code COPY} before they are sent (characters). */
    private static final int FLUSH_AT = 4 << 20;

    @Override
    public int refresh(Connection c, Instant asOf, Collection<UUID> members) throws SQLException {
        boolean everyone = members == null;
        String ids = everyone ? null : members.stream().map(UUID::toString).collect(Collectors.joining(","));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        var timer = new Timer("streamed refresh");
        try (var s = c.createStatement()) {
            // few round trips: what needs no binds goes as one batch of statements, the deletes as one statement
            s.execute(WORK_TABLES);
            try (var ps = c.prepareStatement(DAYS.fillScope(everyone))) {
                SQL.bind(ps, 1, Table.Type.TIMESTAMP, asOf);
                if (!everyone) {
                    SQL.bind(ps, 2, Table.Type.TEXT, ids);
                }
                ps.executeUpdate();
            }
            results(s, SQL.analyze("refresh_scope") + "; " + LOCKS);
            try (var ps = c.prepareStatement(clearing(everyone))) {
                // each delete binds the ids once (none: everyone)
                for (int i = 1; !everyone && i <= STATEMENTS.clearing(false).size(); i++) {
                    SQL.bind(ps, i, Table.Type.TEXT, ids);
                }
                ps.execute();
            }
            timer.lap("scope, locks, deletes");
            // the transaction's current_timestamp read with them, as the statements write it into computed_at
            var scope = new LinkedHashMap<UUID, Member>();
            String now = null;
            try (var rs =
                    s.executeQuery("select member_id, today, cast(current_timestamp as text) from refresh_scope")) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    scope.put(id, new Member(id, rs.getObject(2, LocalDate.class)));
                    now = rs.getString(3);
                }
            }
            var out = new Rows(c, now);
            var habits = new HashMap<UUID, HabitHistory.Habit>();
            try (var rs = s.executeQuery(HabitDays.HABITS)) {
                while (rs.next()) {
                    var h = habit(rs);
                    habits.put(h.id(), h);
                }
            }
            timer.lap("scope and habits read");
            int asked = scope.size();
            read(c, scope, habits, out);
            timer.lap("check-ins read, metrics computed");
            out.flush();
            timer.lap("rows copied");
            int written = results(s, TAIL).get(3);
            timer.lap("strength shown, risk, its changes");
            c.commit();
            timer.log(asked);
            return written;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Candidates whose metrics are as of today with the habits that count today, each of whose habits has a
     * checkpoint of one day, {@value HabitReplay#MIN_BEHIND} to {@value HabitReplay#MAX_BEHIND} days back and before
     * the earliest day their changes touched (the third parameter: {@code member=day}, as {@link CheckinStep} takes
     * it).
     */
    private static final String REPLAY_SCOPE = DayStep.unchangedSince(SQL, "refresh_scope", "x.today")
            + " and not exists (select 1 from metrics_habit_state t left join metrics_habit_checkpoint k"
            + " on k.member_id = t.member_id and k.habit_id = t.habit_id where t.member_id = x.member_id and (k.day is"
            + " null or k.day < x.today - " + HabitReplay.MAX_BEHIND + " or k.day > x.today - "
            + HabitReplay.MIN_BEHIND + " or k.day >= (select min(cast(split_part(e, '=', 2) as date)) from"
            + " unnest(string_to_array(?, ',')) e where split_part(e, '=', 1) = cast(x.member_id as text))))"
            + " and (select count(distinct k.day) from metrics_habit_checkpoint k where k.member_id = x.member_id) = 1"
            + " returning member_id, today";

    private static final String CHECKPOINTS = "select k.member_id, k.habit_id, k.day, k.strength, k.valued,"
            + " k.last_good, k.done7, k.due7, k.done30, k.due30, k.done90, k.due90, k.closed_runs, k.open_run"
            + " from metrics_habit_checkpoint k join refresh_scope s on s.member_id = k.member_id";

    private static final String HELD_SERIES = "select o.member_id, o.first_day, o.owed, o.met, o.skipped"
            + " from metrics_series o join refresh_scope s on s.member_id = o.member_id";

    /** Each member's last check-in day up to their today (any habit's), as the risk reads it. */
    private static final String LAST_DAYS = "select s.member_id, (select max(c.local_date) from fact_checkins c"
            + " where c.member_id = s.member_id and c.local_date <= s.today), cast(current_timestamp as text)"
            + " from refresh_scope s";

    /** The latest check-in of each day of the habits' ranges (a habit's ranges may overlap). */
    private static final String RANGES = "select distinct on (c.member_id, c.habit_id, c.local_date) c.member_id,"
            + " c.habit_id, c.local_date, c.status, c.value from unnest(cast(string_to_array(?, ',') as uuid[]),"
            + " cast(string_to_array(?, ',') as uuid[]), cast(string_to_array(?, ',') as date[]),"
            + " cast(string_to_array(?, ',') as date[])) r (member_id, habit_id, first_day, last_day)"
            + " join fact_checkins c on c.member_id = r.member_id and c.habit_id = r.habit_id"
            + " and c.local_date between r.first_day and r.last_day"
            + " order by c.member_id, c.habit_id, c.local_date, c.recorded_at desc, c.version desc";

    /**
     * Brings {@code candidates} (members whose changes were check-ins only, each with the earliest day they touched,
     * before their today) to their metrics at {@code now} by continuing each habit from its checkpoint ({@link
     * HabitReplay}): the few days since the checkpoint and those the windows let go of are read, not the history.
     * The members' rows are written as a recomputation writes them (its deletes, its rows, its strength, risk and
     * risk changes), the series' days up to the checkpoint's as held. Returns whom it brought up; the others
     * (metrics not as of today, habits that count changed, no checkpoint or one too old or too recent for the
     * changes) are for the caller to recompute.
     */
    public List<UUID> replay(Connection c, Instant now, Map<UUID, LocalDate> candidates) throws SQLException {
        if (candidates.isEmpty()) {
            return List.of();
        }
        String ids = candidates.keySet().stream().map(UUID::toString).collect(Collectors.joining(","));
        String changed = candidates.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        var timer = new Timer("replay");
        try (var s = c.createStatement()) {
            s.execute(WORK_TABLES);
            // the candidates' buckets first, as a step takes them (the scope reads their rows)
            try (var ps = c.prepareStatement(DayStep.bucketLocks(SQL))) {
                ps.setString(1, ids);
                ps.execute();
            }
            timer.lap("locks");
            var scope = new LinkedHashMap<UUID, Member>();
            try (var ps = c.prepareStatement(REPLAY_SCOPE)) {
                SQL.bind(ps, 1, Table.Type.TIMESTAMP, now);
                SQL.bind(ps, 2, Table.Type.TEXT, ids);
                SQL.bind(ps, 3, Table.Type.TEXT, changed);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        scope.put(id, new Member(id, rs.getObject(2, LocalDate.class)));
                    }
                }
            }
            if (scope.isEmpty()) {
                c.commit();
                return List.of();
            }
            var replayed = List.copyOf(scope.keySet());
            timer.lap("scope");
            String now2 = held(s, scope);
            timer.lap("checkpoints, series held");
            var habits = new ArrayList<HabitHistory.Habit>();
            s.execute(SQL.analyze("refresh_scope"));
            try (var rs = s.executeQuery(HabitDays.HABITS)) {
                while (rs.next()) {
                    habits.add(habit(rs));
                }
            }
            String scopeIds = replayed.stream().map(UUID::toString).collect(Collectors.joining(","));
            try (var ps = c.prepareStatement(clearing(false))) {
                for (int i = 1; i <= STATEMENTS.clearing(false).size(); i++) {
                    SQL.bind(ps, i, Table.Type.TEXT, scopeIds);
                }
                ps.execute();
            }
            timer.lap("habits, deletes");
            var out = new Rows(c, now2);
            var facts = ranges(c, habits, scope);
            timer.lap("days read");
            for (var h : habits) {
                var member = scope.get(h.member());
                var ck = member.checkpoints.get(h.id());
                if (ck == null) {
                    throw new IllegalStateException("habit " + h.id() + " has no checkpoint"); // the scope's check
                }
                member.add(new HabitReplay(h, ck, facts.getOrDefault(h.id(), new TreeMap<>())), out);
                out.checkpoint(h.member(), h.id(), ck);
            }
            for (var m : scope.values()) {
                m.write(out);
            }
            timer.lap("replayed");
            out.flush();
            timer.lap("rows copied");
            results(s, TAIL);
            timer.lap("strength shown, risk, its changes");
            c.commit();
            timer.log(replayed.size());
            return replayed;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Reads the replayed members' checkpoints, series as held and last check-in days into {@code scope} (before
     * their rows are deleted); answers the transaction's current_timestamp, as the rows' computed_at.
     */
    private static String held(Statement s, Map<UUID, Member> scope) throws SQLException {
        // the three queries in one round trip
        s.execute(CHECKPOINTS + "; " + HELD_SERIES + "; " + LAST_DAYS);
        try (var rs = s.getResultSet()) {
            while (rs.next()) {
                var m = scope.get(rs.getObject(1, UUID.class));
                var ck = new HabitReplay.Checkpoint(
                        rs.getObject(3, LocalDate.class),
                        rs.getDouble(4),
                        rs.getInt(5),
                        rs.getObject(6, LocalDate.class),
                        new long[] {
                            rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12)
                        },
                        rs.getInt(13),
                        (Integer) rs.getObject(14));
                m.checkpoints.put(rs.getObject(2, UUID.class), ck);
                m.since = ck.day();
            }
        }
        s.getMoreResults();
        try (var rs = s.getResultSet()) {
            while (rs.next()) {
                scope.get(rs.getObject(1, UUID.class)).held = new Object[] {
                    rs.getObject(2, LocalDate.class),
                    rs.getArray(3).getArray(),
                    rs.getArray(4).getArray(),
                    rs.getArray(5).getArray()
                };
            }
        }
        s.getMoreResults();
        String now = null;
        try (var rs = s.getResultSet()) {
            while (rs.next()) {
                LocalDate last = rs.getObject(2, LocalDate.class);
                if (last != null) {
                    scope.get(rs.getObject(1, UUID.class)).checkedIn(last);
                }
                now = rs.getString(3);
            }
        }
        return now;
    }

    /** The check-ins of the days each habit's replay reads ({@link HabitReplay#reads}), by habit and day. */
    private static Map<UUID, TreeMap<LocalDate, HabitHistory.Checkin>> ranges(
            Connection c, List<HabitHistory.Habit> habits, Map<UUID, Member> scope) throws SQLException {
        var ranges = new Ranges();
        for (var h : habits) {
            var ck = scope.get(h.member()).checkpoints.get(h.id());
            if (ck == null) {
                continue;
            }
            for (LocalDate[] r : merged(HabitReplay.reads(h, ck.day()), h)) {
                ranges.add(h, r[0], r[1]);
            }
        }
        return ranges.read(c);
    }

    /** Ranges of days of habits, whose latest check-in of each day {@link #read} reads in one query. */
    static final class Ranges {
        private final StringBuilder members = new StringBuilder();
        private final StringBuilder ids = new StringBuilder();
        private final StringBuilder firsts = new StringBuilder();
        private final StringBuilder lasts = new StringBuilder();

        void add(HabitHistory.Habit h, LocalDate first, LocalDate last) {
            String sep = members.isEmpty() ? "" : ",";
            members.append(sep).append(h.member());
            ids.append(sep).append(h.id());
            firsts.append(sep).append(first);
            lasts.append(sep).append(last);
        }

        /** The latest check-in of each day of the ranges (none: an empty map), by habit and day. */
        Map<UUID, TreeMap<LocalDate, HabitHistory.Checkin>> read(Connection c) throws SQLException {
            var out = new HashMap<UUID, TreeMap<LocalDate, HabitHistory.Checkin>>();
            if (members.isEmpty()) {
                return out;
            }
            try (var ps = c.prepareStatement(RANGES)) {
                ps.setString(1, members.toString());
                ps.setString(2, ids.toString());
                ps.setString(3, firsts.toString());
                ps.setString(4, lasts.toString());
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LocalDate day = rs.getObject(3, LocalDate.class);
                        out.computeIfAbsent(rs.getObject(2, UUID.class), k -> new TreeMap<>())
                                .put(day, new HabitHistory.Checkin(day, rs.getString(4), rs.getBigDecimal(5)));
                    }
                }
            }
            return out;
        }
    }

    /** {@code ranges} within the habit's days (its start to its today), overlapping ones joined, in order. */
    private static List<LocalDate[]> merged(List<LocalDate[]> ranges, HabitHistory.Habit h) {
        var sorted = ranges.stream()
                .map(r -> new LocalDate[] {HabitRules.max(r[0], h.start()), HabitRules.min(r[1], h.today())})
                .filter(r -> !r[1].isBefore(r[0]))
                .sorted(java.util.Comparator.comparing((LocalDate[] r) -> r[0]))
                .toList();
        var out = new ArrayList<LocalDate[]>();
        for (LocalDate[] r : sorted) {
            LocalDate[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && !r[0].isAfter(last[1].plusDays(1))) {
                last[1] = HabitRules.max(last[1], r[1]);
            } else {
                out.add(r.clone());
            }
        }
        return out;
    }

    /** Each member's bucket lock, in ascending order (as {@link MetricsEngine#refresh} takes them). */
    private static final String LOCKS = String.format(
            SQL.bucketLocks(),
            "select distinct " + STATEMENTS.bucketOf("member_id") + " as b from refresh_scope order by b");

    /**
     * After the rows are copied: the members' statistics, the strength as shown, risk, and the risk changes (the
     * fourth statement: its count is the changes written), sent at once.
     */
    private static final String TAIL = String.join(
            "; ",
            Stream.concat(
                            Stream.of(
                                    SQL.analyze(MEMBERS), String.format(StrengthSql.FROM_STATE, "refresh_scope"), RISK),
                            RiskChangeSql.statements("refresh_scope").stream())
                    .toList());

    /** {@link MetricsEngine#clearing}'s deletes as one statement (each bound to the members' ids unless everyone). */
    private static String clearing(boolean everyone) {
        var deletes = STATEMENTS.clearing(everyone);
        var out = new StringBuilder("with ");
        for (int i = 0; i < deletes.size(); i++) {
            out.append(i == 0 ? "" : ", ")
                    .append("d")
                    .append(i)
                    .append(" as (")
                    .append(deletes.get(i))
                    .append(")");
        }
        return out.append(" select 1").toString();
    }

    /** Runs a batch of statements in one round trip; returns each one's update count (0 for a query). */
    private static List<Integer> results(Statement s, String statements) throws SQLException {
        var counts = new ArrayList<Integer>();
        boolean query = s.execute(statements);
        while (true) {
            if (query) {
                s.getResultSet().close();
                counts.add(0);
            } else if (s.getUpdateCount() >= 0) {
                counts.add(s.getUpdateCount());
            } else {
                return counts;
            }
            query = s.getMoreResults();
        }
    }

    /** A habit as {@link HabitDays#HABITS} reads it (its first eleven columns). */
    static HabitHistory.Habit habit(ResultSet rs) throws SQLException {
        return new HabitHistory.Habit(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getString(5),
                (Integer) rs.getObject(6),
                (Integer) rs.getObject(7),
                rs.getObject(8, LocalDate.class),
                rs.getBigDecimal(9),
                rs.getString(10),
                rs.getObject(11, LocalDate.class));
    }

    /**
     * Streams the members' check-ins in member, then habit order; as each habit's rows end, computes the habit
     * (habits that count only) and adds it to its member, and as each member's end, computes their habits without
     * a check-in and writes the member: the service holds one member at a time, however many are asked about.
     */
    private static void read(Connection c, Map<UUID, Member> scope, Map<UUID, HabitHistory.Habit> habits, Rows out)
            throws SQLException {
        var byMember = new HashMap<UUID, List<HabitHistory.Habit>>();
        habits.values()
                .forEach(h -> byMember.computeIfAbsent(h.member(), k -> new ArrayList<>())
                        .add(h));
        try (var s = c.prepareStatement(CHECKINS)) {
            // ids, days and values in PostgreSQL's binary form: a million rows neither formatted as text by the
            // server nor parsed back here
            s.unwrap(PGStatement.class).setPrepareThreshold(-1);
            s.setFetchSize(20_000);
            try (var rs = s.executeQuery()) {
                UUID member = null;
                UUID habit = null;
                var days = new TreeMap<LocalDate, HabitHistory.Checkin>();
                while (rs.next()) {
                    UUID rowMember = rs.getObject(1, UUID.class);
                    UUID rowHabit = rs.getObject(2, UUID.class);
                    if (!rowHabit.equals(habit)) {
                        finish(habits.remove(habit), days, scope, out);
                        habit = rowHabit;
                        days = new TreeMap<>();
                    }
                    if (!rowMember.equals(member)) {
                        finish(member, scope, byMember, habits, out);
                        member = rowMember;
                    }
                    LocalDate day = rs.getObject(3, LocalDate.class);
                    scope.get(member).checkedIn(day);
                    var h = habits.get(habit);
                    if (h != null && !day.isBefore(h.start())) {
                        days.put(day, new HabitHistory.Checkin(day, status(rs.getBytes(4)), rs.getBigDecimal(5)));
                    }
                }
                finish(habits.remove(habit), days, scope, out);
                finish(member, scope, byMember, habits, out);
            }
        }
        // the members without a check-in
        for (var m : List.copyOf(scope.keySet())) {
            finish(m, scope, byMember, habits, out);
        }
    }

    private static final String[] STATUSES = {"DONE", "MISSED", "SKIPPED"};

    private static final byte[][] STATUS_BYTES =
            Arrays.stream(STATUSES).map(x -> x.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);

    /** A check-in's status as one of the constants (a million rows: none decoded into a string of its own). */
    private static String status(byte[] utf8) {
        if (utf8 == null) {
            return null;
        }
        for (int i = 0; i < STATUSES.length; i++) {
            if (Arrays.equals(utf8, STATUS_BYTES[i])) {
                return STATUSES[i];
            }
        }
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void finish(
            HabitHistory.Habit h, TreeMap<LocalDate, HabitHistory.Checkin> days, Map<UUID, Member> scope, Rows out)
            throws SQLException {
        if (h != null) {
            var x = new HabitHistory(h, days);
            scope.get(h.member()).add(x, out);
            out.checkpoint(h.member(), h.id(), x.checkpoint());
        }
    }

    /** A member's habits without a check-in computed, and the member written and let go. */
    private static void finish(
            UUID member,
            Map<UUID, Member> scope,
            Map<UUID, List<HabitHistory.Habit>> byMember,
            Map<UUID, HabitHistory.Habit> habits,
            Rows out)
            throws SQLException {
        if (member == null) {
            return;
        }
        for (var h : byMember.getOrDefault(member, List.of())) {
            finish(habits.remove(h.id()), new TreeMap<>(), scope, out);
        }
        scope.remove(member).write(out);
    }

    /** A member's sums over their habits, as the statements group them. */
    private static final class Member {
        final UUID id;
        final LocalDate today;
        LocalDate lastDay;
        LocalDate riskFirst;
        LocalDate seriesFirst;
        final int[] owed = new int[90];
        final int[] met = new int[90];
        final int[] skipped = new int[90];
        /** Per goal (and the member: key null), per window, the sevenths met and owed. */
        final Map<UUID, long[]> adherence = new LinkedHashMap<>();

        Integer current;
        Integer longest;

        /** A replayed member's: their checkpoints' day, and their series as held (first day, owed, met, skipped). */
        LocalDate since;

        final Map<UUID, HabitReplay.Checkpoint> checkpoints = new HashMap<>();

        Object[] held;

        Member(UUID id, LocalDate today) {
            this.id = id;
            this.today = today;
        }

        void checkedIn(LocalDate day) {
            lastDay = lastDay == null || day.isAfter(lastDay) ? day : lastDay;
        }

        /** A habit's rows written, its sums added to its goal's and the member's. */
        void add(HabitMetrics x, Rows out) throws SQLException {
            var h = x.habit();
            for (int w = 0; w < 3; w++) {
                long done = x.sevenths[2 * w];
                long due = x.sevenths[2 * w + 1];
                if (due > 0) {
                    out.adherence(id, "habit", h.id(), WINDOWS[w], done, due, today);
                    for (UUID key : new UUID[] {h.goal(), id}) {
                        long[] sums = adherence.computeIfAbsent(key, k -> new long[6]);
                        sums[2 * w] += done;
                        sums[2 * w + 1] += due;
                    }
                }
            }
            out.streak(id, "habit", h.id(), x.unit(), x.current, x.longest, today, new Object[] {
                x.baseCurrent, x.baseLongest, x.runBefore
            });
            if (x.unit().equals("day")) {
                current = current == null ? x.current : Math.max(current, x.current);
                longest = longest == null ? x.longest : Math.max(longest, x.longest);
            }
            out.state(id, x);
            riskFirst = riskFirst == null || x.riskFirst().isBefore(riskFirst) ? x.riskFirst() : riskFirst;
            seriesFirst = seriesFirst == null || x.seriesFirst.isBefore(seriesFirst) ? x.seriesFirst : seriesFirst;
            for (int k = 0; k < 90; k++) {
                owed[k] += x.owed[k];
                met[k] += x.met[k];
                skipped[k] += x.skipped[k];
            }
        }

        /** The member's own rows: adherence of their goals and their own, their streak, series, risk's days. */
        void write(Rows out) throws SQLException {
            for (var e : adherence.entrySet()) {
                long[] sums = e.getValue();
                boolean member = e.getKey().equals(id);
                for (int w = 0; w < 3; w++) {
                    if (sums[2 * w + 1] > 0) {
                        out.adherence(
                                id,
                                member ? "member" : "goal",
                                e.getKey(),
                                WINDOWS[w],
                                sums[2 * w],
                                sums[2 * w + 1],
                                today);
                    }
                }
            }
            out.streak(
                    id,
                    "member",
                    id,
                    "day",
                    current == null ? 0 : current,
                    longest == null ? 0 : longest,
                    today,
                    new Object[] {null, null, null});
            if (seriesFirst != null) {
                int from = (int) java.time.temporal.ChronoUnit.DAYS.between(today.minusDays(89), seriesFirst);
                // replayed: the days up to the checkpoint's are as held (a replay computes the days since)
                for (int k = from;
                        since != null && k < 90 && !today.minusDays(89 - k).isAfter(since);
                        k++) {
                    LocalDate day = today.minusDays(89 - k);
                    owed[k] = held(1, day);
                    met[k] = held(2, day);
                    skipped[k] = held(3, day);
                }
                out.series(id, seriesFirst, slice(owed, from), slice(met, from), slice(skipped, from));
            }
            out.member(id, today, riskFirst, lastDay);
        }

        /** The held series' value of {@code day} in array {@code which} (0 outside it). */
        private int held(int which, LocalDate day) {
            if (held == null) {
                return 0;
            }
            Integer[] values = (Integer[]) held[which];
            long i = java.time.temporal.ChronoUnit.DAYS.between((LocalDate) held[0], day);
            return i < 0 || i >= values.length || values[(int) i] == null ? 0 : values[(int) i];
        }

        private static int[] slice(int[] days, int from) {
            return java.util.Arrays.copyOfRange(days, from, days.length);
        }
    }

    private static final int[] WINDOWS = {7, 30, 90};

    private static final BigDecimal SEVEN = BigDecimal.valueOf(7);

    /** The rows for each table, in COPY's text format, sent when large. */
    private static final class Rows {
        private final Connection c;
        private final String now;
        /** The tables with the columns copied, by number. */
        private final String[] tables = {
            "metrics_adherence (member_id, scope, scope_id, window_days, done, due, adherence, as_of, computed_at)",
            "metrics_streak (member_id, scope, scope_id, unit, current_streak, longest_streak, as_of, computed_at,"
                    + " base_current, base_longest, run_before)",
            "metrics_habit_state (member_id, habit_id, as_of, strength, strength_then, valued, valued_then, misses,"
                    + " last_good, base_strength, base_valued, base_misses, base_last_good, today_status,"
                    + " today_success, computed_at)",
            "metrics_series (member_id, first_day, owed, met, skipped, computed_at)",
            MEMBERS + " (member_id, today, first_day, last_day)",
            "metrics_habit_checkpoint (member_id, habit_id, day, strength, valued, last_good, done7, due7, done30,"
                    + " due30, done90, due90, closed_runs, open_run)"
        };

        private final StringBuilder[] texts = new StringBuilder[tables.length];

        Rows(Connection c, String now) {
            this.c = c;
            this.now = now;
            for (int i = 0; i < texts.length; i++) {
                texts[i] = new StringBuilder();
            }
        }

        void adherence(UUID member, String scope, UUID id, int window, long done, long due, LocalDate today)
                throws SQLException {
            // the statement's sum / 7 and least(1, done / due), at the columns' scale (half away from zero)
            var d = BigDecimal.valueOf(done);
            var o = BigDecimal.valueOf(due);
            var ratio = d.divide(o, 4, RoundingMode.HALF_UP).min(BigDecimal.ONE.setScale(4));
            row(
                    0,
                    member,
                    scope,
                    id,
                    window,
                    d.divide(SEVEN, 4, RoundingMode.HALF_UP).toPlainString(),
                    o.divide(SEVEN, 4, RoundingMode.HALF_UP).toPlainString(),
                    ratio.toPlainString(),
                    today,
                    now);
        }

        void streak(
                UUID member,
                String scope,
                UUID id,
                String unit,
                int current,
                int longest,
                LocalDate today,
                Object[] base)
                throws SQLException {
            row(1, member, scope, id, unit, current, longest, today, now, base[0], base[1], base[2]);
        }

        void state(UUID member, HabitMetrics x) throws SQLException {
            row(
                    2,
                    member,
                    x.habit().id(),
                    x.habit().today(),
                    x.strength,
                    x.strengthThen,
                    x.valued,
                    x.valuedThen,
                    x.misses,
                    x.lastGood,
                    x.baseStrength,
                    x.baseValued,
                    x.baseMisses,
                    x.baseLastGood,
                    x.todayStatus,
                    x.todaySuccess == null ? null : x.todaySuccess ? "t" : "f",
                    now);
        }

        void series(UUID member, LocalDate first, int[] owed, int[] met, int[] skipped) throws SQLException {
            row(3, member, first, array(owed), array(met), array(skipped), now);
        }

        void member(UUID member, LocalDate today, LocalDate first, LocalDate last) throws SQLException {
            row(4, member, today, first, last);
        }

        void checkpoint(UUID member, UUID habit, HabitReplay.Checkpoint ck) throws SQLException {
            long[] w = ck.sevenths();
            row(
                    5,
                    member,
                    habit,
                    ck.day(),
                    ck.strength(),
                    ck.valued(),
                    ck.lastGood(),
                    w[0],
                    w[1],
                    w[2],
                    w[3],
                    w[4],
                    w[5],
                    ck.closedRuns(),
                    ck.openRun());
        }

        private static String array(int[] values) {
            var out = new StringBuilder("{");
            for (int i = 0; i < values.length; i++) {
                out.append(i == 0 ? "" : ",").append(values[i]);
            }
            return out.append('}').toString();
        }

        /** One row of table number {@code table}: its values tab-separated, null as {@code \N}. */
        private void row(int table, Object... values) throws SQLException {
            var text = texts[table];
            for (int i = 0; i < values.length; i++) {
                text.append(i == 0 ? "" : "\t").append(values[i] == null ? "\\N" : values[i].toString());
            }
            text.append('\n');
            if (text.length() > FLUSH_AT) {
                copy(tables[table], text);
            }
        }

        void flush() throws SQLException {
            for (int i = 0; i < tables.length; i++) {
                copy(tables[i], texts[i]);
            }
        }

        private void copy(String table, StringBuilder text) throws SQLException {
            if (text.isEmpty()) {
                return;
            }
            try {
                c.unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("copy " + table + " from stdin", new StringReader(text.toString()));
            } catch (IOException e) {
                throw new SQLException("copy into " + table, e);
            }
            text.setLength(0);
        }
    }

    /** The time of each phase, at DEBUG (what bench/ reads to find the costly one). */
    static final class Timer {
        private final String what;
        private final long start = System.nanoTime();
        private long last = start;
        private final List<String> laps = new ArrayList<>();

        Timer(String what) {
            this.what = what;
        }

        void lap(String phase) {
            long now = System.nanoTime();
            if (LOG.isDebugEnabled()) {
                laps.add(phase + " " + (now - last) / 1_000 + " us");
            }
            last = now;
        }

        void log(int members) {
            if (LOG.isDebugEnabled()) {
                LOG.debugf(
                        "%s of %d members in %d us: %s",
                        what, members, (System.nanoTime() - start) / 1_000, String.join(", ", laps));
            }
        }
    }
}
