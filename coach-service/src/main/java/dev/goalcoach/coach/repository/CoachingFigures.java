package dev.goalcoach.coach.repository;

import dev.goalcoach.coach.HabitTally;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What the scheduled coaching says is computed here, in SQL over the coach's own copy of goals and check-ins: for
 * every member whose local time has reached a job's hour (and who has no mark for the period yet), each active
 * habit's occurrences owed and done over the days before their local today. Owed: due days (DAILY, the WEEKDAYS
 * days, every n days from the start) that were not skipped; n per week counts n for each whole week of the span.
 * The figures are a coach's tally, not analytics-service's metrics (those need the warehouse): "6 of 8 sessions".
 */
@ApplicationScoped
public class CoachingFigures {

    /** When a job is due for a member, in their local time, and what it looks back over. */
    public enum Trigger {
        /** Every day from 07:00 to noon; looks at today (what is due). */
        REMINDER(
                "cast(l.ts as time) >= time '07:00' and cast(l.ts as time) < time '12:00'",
                "to_char(l.ts, 'YYYY-MM-DD')",
                0),
        /** Monday from 09:00; the week before (Monday to Sunday). */
        WEEKLY_REVIEW(
                "extract(isodow from l.ts) = 1 and cast(l.ts as time) >= time '09:00'",
                "to_char(l.ts, 'IYYY-\"W\"IW')",
                7),
        /** Wednesday from 10:00; the two weeks before. */
        SUGGESTIONS(
                "extract(isodow from l.ts) = 3 and cast(l.ts as time) >= time '10:00'",
                "to_char(l.ts, 'IYYY-\"W\"IW')",
                14),
        /** The 1st of the month from 08:00; the month before. */
        MONTHLY_REPORT(
                "extract(day from l.ts) = 1 and cast(l.ts as time) >= time '08:00'",
                "to_char(cast(l.ts as date) - 1, 'YYYY-MM')",
                -1);

        final String when;
        final String period;
        /** Days looked back over; −1: the previous calendar month. */
        final int span;

        Trigger(String when, String period, int span) {
            this.when = when;
            this.period = period;
            this.span = span;
        }
    }

    /**
     * The tallies of every member for whom {@code job} is due at {@code now} and not yet marked for the period.
     * {@code clock}: whose zone counts, {@code member} (their own) or {@code mentor} (the member's mentor's, for a
     * cohort's post; UTC when unknown).
     */
    public Uni<List<HabitTally>> due(Trigger trigger, String job, Instant now, boolean mentorClock, boolean anyTime) {
        String zone = mentorClock ? "coalesce(mentor.timezone, 'UTC')" : "coalesce(m.timezone, 'UTC')";
        String from = trigger.span < 0
                ? "cast(date_trunc('month', cast(l.ts as date) - 1) as date)"
                : "cast(l.ts as date) - " + trigger.span;
        String to = trigger.span == 0 ? "cast(l.ts as date)" : "cast(l.ts as date) - 1";
        String sql = "with l as (select m.member_id, m.mentor_id, m.group_id, (cast(:now as timestamptz) at time zone "
                + zone + ") as ts from member_directory m left join member_directory mentor"
                + " on mentor.member_id = m.mentor_id where not m.deleted and m.role = 'MEMBER'),"
                + " w as (select l.member_id, l.mentor_id, l.group_id, " + trigger.period + " as period,"
                + " cast(l.ts as date) as today, " + from + " as first_day, " + to + " as last_day from l where "
                + (anyTime ? "true" : trigger.when) + " and not exists (select 1 from job_marks j where j.job = :job"
                + " and j.subject = l.member_id and j.period = " + trigger.period + ")),"
                + " hd as (select w.member_id, h.habit_id, h.schedule_type, d.day, c.status,"
                + " case when h.start_date is not null and d.day < h.start_date then false"
                + " when h.schedule_type = 'DAILY' then true"
                + " when h.schedule_type = 'WEEKDAYS' then cast(extract(isodow from d.day) as smallint) = any(h.days)"
                + " when h.schedule_type = 'EVERY_N_DAYS' then h.start_date is not null"
                + " and (d.day - h.start_date) % h.every_n_days = 0 else false end as due"
                + " from w join coach_habits h on h.member_id = w.member_id and h.active"
                + " join coach_goals g on g.goal_id = h.goal_id and g.status = 'ACTIVE' and not g.deleted"
                + " cross join lateral generate_series(w.first_day, w.last_day, interval '1 day') as s(t)"
                + " cross join lateral (select cast(s.t as date) as day) d"
                + " left join coach_checkins c on c.habit_id = h.habit_id and c.local_date = d.day and not c.retracted),"
                // each habit's days counted once, in one pass (a count per habit over the whole of hd was quadratic in
                // the members due: on the 1st, a month's days of every member, a whole core for minutes)
                + " tally as (select habit_id, count(*) filter (where due and coalesce(status, '') <> 'SKIPPED')"
                + " as owed, count(*) filter (where status = 'DONE' and (due or schedule_type = 'TIMES_PER_WEEK'))"
                + " as done from hd group by habit_id)"
                + " select w.member_id, w.mentor_id, w.group_id, w.period, w.today, h.habit_id, h.goal_id, h.title,"
                + " h.schedule_type, array_to_string(h.days, ','), h.times_per_week, h.every_n_days, h.target_value, h.target_unit,"
                + " h.target_direction,"
                + " coalesce(case when h.schedule_type = 'TIMES_PER_WEEK'"
                + " then h.times_per_week * greatest(1, (w.last_day - w.first_day + 1) / 7)"
                + " else t.owed end, 0) as owed, coalesce(t.done, 0) as done,"
                + " case when h.habit_id is null then false"
                + " when h.start_date is not null and w.today < h.start_date then false"
                + " when h.schedule_type = 'DAILY' then true"
                + " when h.schedule_type = 'WEEKDAYS' then cast(extract(isodow from w.today) as smallint) = any(h.days)"
                + " when h.schedule_type = 'EVERY_N_DAYS' then h.start_date is not null"
                + " and (w.today - h.start_date) % h.every_n_days = 0"
                + " else coalesce(h.times_per_week, 0) > (select count(*) from coach_checkins c where c.habit_id ="
                + " h.habit_id and c.status = 'DONE' and not c.retracted and c.local_date >= cast(date_trunc('week',"
                + " w.today) as date) and c.local_date < w.today) end as due_today"
                + " from w left join (coach_habits h join coach_goals g on g.goal_id = h.goal_id"
                + " and g.status = 'ACTIVE' and not g.deleted) on h.member_id = w.member_id and h.active"
                + " left join tally t on t.habit_id = h.habit_id"
                + " order by w.member_id, h.title, h.habit_id";
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(sql, Object[].class)
                        .setParameter("now", now)
                        .setParameter("job", job)
                        .getResultList())
                .map(rows -> rows.stream().map(CoachingFigures::row).toList());
    }

    private static HabitTally row(Object[] r) {
        return new HabitTally(
                (UUID) r[0],
                (UUID) r[1],
                (UUID) r[2],
                (String) r[3],
                (LocalDate) r[4],
                (UUID) r[5],
                (UUID) r[6],
                (String) r[7],
                (String) r[8],
                days(r[9]),
                r[10] == null ? null : ((Number) r[10]).intValue(),
                r[11] == null ? null : ((Number) r[11]).intValue(),
                (BigDecimal) r[12],
                (String) r[13],
                (String) r[14],
                ((Number) r[15]).intValue(),
                Math.min(((Number) r[16]).intValue(), ((Number) r[15]).intValue()),
                Boolean.TRUE.equals(r[17]));
    }

    private static List<Integer> days(Object value) {
        if (value == null || value.toString().isEmpty()) {
            return null;
        }
        return Arrays.stream(value.toString().split(",")).map(Integer::valueOf).toList();
    }
}
