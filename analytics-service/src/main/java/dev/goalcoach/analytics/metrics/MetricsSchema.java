package dev.goalcoach.analytics.metrics;

import dev.goalcoach.warehouse.Dialect;
import dev.goalcoach.warehouse.Migrations;
import dev.goalcoach.warehouse.Table;
import java.util.List;
import java.util.stream.Stream;

/** analytics-service's tables in the warehouse, beside the loader's star schema ({@code analytics_schema}). */
public final class MetricsSchema {

    public static final String VERSION_TABLE = "analytics_schema";

    /** The channel each write of the streaks notifies at its commit (PostgreSQL; {@code repository.MetricsChanges}). */
    public static final String CHANGES = "analytics_metrics";

    /**
     * Version 1 adherence, streaks, strength; version 2 risk and strength a week ago; version 3 the indexes one
     * member's refresh reads by (PostgreSQL; Snowflake has none); version 4 the daily series, version 5 the series
     * as arrays; version 6 the {@code mentor_dashboard} view (and, on PostgreSQL, the indexes it reads by); version
     * 7 each habit's state that the day rollover steps from (strength unrounded, the days it holds, trailing misses);
     * version 8 each member's risk level as last announced and the outbox of level changes ({@link RiskChangeSql}),
     * the levels already computed taken as announced (an upgrade announces no change that did not happen); version 9
     * the leases of work one replica does at a time ({@code repository.Leases}), the rollover's row made; version
     * 10 what a check-in's step continues from ({@link CheckinStep}: the state emptied, so that the day's step finds
     * no state without it and everyone is recomputed once); version 11 the streaks' writes announced to every
     * replica (PostgreSQL); version 12 the index the recomputation reads the check-ins by (PostgreSQL); version 13
     * room on the metric tables' pages for updates in place (PostgreSQL); version 14 each habit's checkpoint, what a
     * back-dated check-in's replay continues from ({@link HabitReplay}; written by the streamed recomputation only).
     */
    public static List<Migrations.Version> versions(Dialect d) {
        boolean postgres = d.name().equals("postgres");
        String uuid = d.type(Table.Type.UUID);
        String text = d.type(Table.Type.TEXT);
        String integer = d.type(Table.Type.INT);
        String date = d.type(Table.Type.DATE);
        String time = d.type(Table.Type.TIMESTAMP);
        String array = postgres ? "integer[]" : "array";
        return List.of(
                new Migrations.Version(
                        1,
                        List.of(
                                "create table if not exists metrics_adherence (member_id " + uuid + " not null,"
                                        + " scope " + text + " not null, scope_id " + uuid + " not null, window_days "
                                        + integer + " not null, done numeric(12, 4) not null, due numeric(12, 4) not"
                                        + " null, adherence numeric(6, 4), as_of " + date + " not null, computed_at "
                                        + time + " not null, primary key (member_id, scope, scope_id, window_days))",
                                "create table if not exists metrics_streak (member_id " + uuid + " not null, scope "
                                        + text + " not null, scope_id " + uuid + " not null, unit " + text
                                        + " not null, current_streak " + integer + " not null, longest_streak "
                                        + integer + " not null, as_of " + date + " not null, computed_at " + time
                                        + " not null, primary key (member_id, scope, scope_id))",
                                "create table if not exists metrics_habit_strength (member_id " + uuid + " not null,"
                                        + " habit_id " + uuid + " not null, strength numeric(6, 4) not null, as_of "
                                        + date + " not null, computed_at " + time + " not null,"
                                        + " primary key (member_id, habit_id))")),
                new Migrations.Version(
                        2,
                        List.of(
                                "alter table metrics_habit_strength add column if not exists strength_week_ago"
                                        + " numeric(6, 4)",
                                "create table if not exists metrics_risk (member_id " + uuid + " primary key,"
                                        + " score " + integer + " not null, level " + text + " not null, reasons "
                                        + text + " not null, as_of " + date + " not null, computed_at " + time
                                        + " not null)")),
                // analytics' read paths into the loader's tables: one member's refresh reads only their rows
                new Migrations.Version(
                        3,
                        postgres
                                ? List.of(
                                        "create index if not exists fact_checkins_habit_day on fact_checkins"
                                                + " (habit_id, local_date)",
                                        "create index if not exists fact_checkins_member_day on fact_checkins"
                                                + " (member_id, local_date)",
                                        "create index if not exists dim_habits_member on dim_habits (member_id)",
                                        "create index if not exists fact_journal_entries_member on"
                                                + " fact_journal_entries (member_id, written_at)")
                                : List.of()),
                new Migrations.Version(
                        4,
                        List.of("create table if not exists metrics_daily (member_id " + uuid + " not null, day "
                                + date + " not null, owed " + integer + " not null, met " + integer + " not null,"
                                + " skipped " + integer + " not null, computed_at " + time + " not null,"
                                + " primary key (member_id, day))")),
                // the series as one row per member: a full refresh wrote 900,000 day rows, now 10,000
                new Migrations.Version(
                        5,
                        List.of(
                                "create table if not exists metrics_series (member_id " + uuid + " primary key,"
                                        + " first_day " + date + " not null, owed " + array + " not null, met "
                                        + array + " not null, skipped " + array + " not null, computed_at " + time
                                        + " not null)",
                                "drop table if exists metrics_daily")),
                // one row per mentee with the figures a mentor's dashboard shows; cohorts aggregate over it
                new Migrations.Version(6, mentorDashboard(postgres)),
                new Migrations.Version(
                        7,
                        List.of("create table if not exists metrics_habit_state (member_id " + uuid + " not null,"
                                + " habit_id " + uuid + " not null, as_of " + date + " not null, strength float not"
                                + " null, strength_then float not null, valued " + integer + " not null, valued_then "
                                + integer + " not null, misses " + integer + " not null, last_good " + date + ","
                                + " computed_at " + time + " not null, primary key (member_id, habit_id))")),
                new Migrations.Version(
                        8,
                        List.of(
                                "create table if not exists metrics_risk_level (member_id " + uuid + " primary key,"
                                        + " level " + text + " not null, as_of " + date + " not null, changed_at "
                                        + time + " not null)",
                                "create table if not exists analytics_outbox (member_id " + uuid + " not null,"
                                        + " previous_level " + text + ", level " + text + " not null, score "
                                        + integer + " not null, reasons " + text + " not null, as_of " + date
                                        + " not null, changed_at " + time + " not null,"
                                        + " primary key (member_id, changed_at))",
                                "insert into metrics_risk_level (member_id, level, as_of, changed_at)"
                                        + " select member_id, level, as_of, computed_at from metrics_risk")),
                // work one replica does at a time (the day rollover), without PostgreSQL's advisory locks
                new Migrations.Version(
                        9,
                        List.of(
                                "create table if not exists analytics_leases (name " + text + " primary key,"
                                        + " holder " + text + ", expires_at " + time + ")",
                                "merge into analytics_leases t using (select 'rollover' as name) s on t.name = s.name"
                                        + " when not matched then insert (name) values (s.name)")),
                // what a check-in's step continues from: each habit's metrics as if today were not logged, and
                // today's check-in as the rows hold it (metrics.CheckinStep); a refresh rewrites them all
                new Migrations.Version(
                        10,
                        List.of(
                                "delete from metrics_habit_state",
                                "alter table metrics_habit_state add column if not exists base_strength float",
                                "alter table metrics_habit_state add column if not exists base_valued " + integer,
                                "alter table metrics_habit_state add column if not exists base_misses " + integer,
                                "alter table metrics_habit_state add column if not exists base_last_good " + date,
                                "alter table metrics_habit_state add column if not exists today_status " + text,
                                "alter table metrics_habit_state add column if not exists today_success "
                                        + d.type(Table.Type.BOOLEAN),
                                "alter table metrics_streak add column if not exists base_current " + integer,
                                "alter table metrics_streak add column if not exists base_longest " + integer,
                                "alter table metrics_streak add column if not exists run_before " + integer)),
                // every write of the streaks (each refresh and step rewrites the member's row) announced at its
                // commit, for every replica's cached rosters (repository.MetricsChanges); Snowflake has no trigger
                new Migrations.Version(11, postgres ? announcedWrites() : List.of()),
                // the recomputation's read (StreamedEngine): each member's check-ins in the order it takes them, the
                // latest of each day first, from the index alone — a 5,000-member slice 1.2 s instead of 2.9 s
                // spent sorting a million rows
                new Migrations.Version(
                        12,
                        postgres
                                ? List.of("create index if not exists fact_checkins_latest on fact_checkins (member_id,"
                                        + " habit_id, local_date, recorded_at desc, version desc) include (status,"
                                        + " value)")
                                : List.of()),
                // a check-in's step updates its habits' rows in place: room on each page keeps the new version there
                // (a HOT update: no index entry written, the old one pruned as the page is next read)
                new Migrations.Version(
                        13,
                        postgres
                                ? Stream.of(
                                                "metrics_habit_state",
                                                "metrics_habit_strength",
                                                "metrics_streak",
                                                "metrics_adherence",
                                                "metrics_series")
                                        .map(t -> "alter table " + t + " set (fillfactor = 80)")
                                        .toList()
                                : List.of()),
                // what a back-dated check-in's replay continues from: each habit's metrics as the history up to a
                // day eight days back left them (metrics.HabitReplay); a recomputation rewrites them, steps do not
                new Migrations.Version(
                        14,
                        List.of("create table if not exists metrics_habit_checkpoint (member_id " + uuid + " not null,"
                                + " habit_id " + uuid + " not null, day " + date + " not null, strength float not null,"
                                + " valued " + integer + " not null, last_good " + date + ", done7 " + integer
                                + " not null, due7 " + integer + " not null, done30 " + integer + " not null, due30 "
                                + integer + " not null, done90 " + integer + " not null, due90 " + integer
                                + " not null, closed_runs " + integer + " not null, open_run " + integer
                                + ", primary key (member_id, habit_id))")));
    }

    private static List<String> announcedWrites() {
        return List.of(
                "create or replace function analytics_metrics_written() returns trigger language plpgsql as"
                        + " $$ begin perform pg_notify('" + CHANGES + "', ''); return null; end $$",
                "drop trigger if exists metrics_streak_written on metrics_streak",
                "create trigger metrics_streak_written after insert or update or delete or truncate on"
                        + " metrics_streak for each statement execute function analytics_metrics_written()");
    }

    /**
     * The view, with each mentee's mean habit strength: on PostgreSQL from a LATERAL subquery (read per mentee by
     * its index when a mentor's roster is asked for), on Snowflake from a grouped join (no correlated LATERAL).
     */
    private static List<String> mentorDashboard(boolean postgres) {
        String view = "create or replace view mentor_dashboard as select m.mentor_id, m.group_id,"
                + " m.member_id, m.display_name, r.score as risk_score, r.level as risk_level,"
                + " r.reasons as risk_reasons, a7.adherence as adherence7,"
                + " a30.adherence as adherence30, a90.adherence as adherence90,"
                + " s.current_streak, s.longest_streak, hs.strength, r.as_of, r.computed_at"
                + " from dim_members m"
                + " left join metrics_risk r on r.member_id = m.member_id"
                + adherence("a7", 7) + adherence("a30", 30) + adherence("a90", 90)
                + " left join metrics_streak s on s.member_id = m.member_id"
                + " and s.scope = 'member' and s.scope_id = m.member_id"
                + (postgres
                        ? " left join lateral (select avg(h.strength) as strength"
                                + " from metrics_habit_strength h where h.member_id = m.member_id) hs on true"
                        : " left join (select member_id, avg(strength) as strength from metrics_habit_strength"
                                + " group by member_id) hs on hs.member_id = m.member_id")
                + " where m.mentor_id is not null";
        return postgres
                ? List.of(
                        "create index if not exists dim_members_mentor on dim_members (mentor_id)",
                        "create index if not exists dim_members_group on dim_members (group_id)",
                        view)
                : List.of(view);
    }

    /** A member's own adherence row of one window, by its primary key. */
    private static String adherence(String alias, int window) {
        return " left join metrics_adherence " + alias + " on " + alias + ".member_id = m.member_id and " + alias
                + ".scope = 'member' and " + alias + ".scope_id = m.member_id and " + alias + ".window_days = "
                + window;
    }

    private MetricsSchema() {}
}
