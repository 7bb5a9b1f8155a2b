-- bench/analytics-refresh.sh: 10,000 members x 3 habits (DAILY, WEEKDAYS Mon/Wed/Fri, 3 per week) with 90 days
-- of check-ins (about 80% of days logged: 75% DONE, the rest MISSED or SKIPPED), written straight into the
-- warehouse tables the loader fills. Ids are derived from 'bench-...' so a rerun replaces nothing of anyone else's.
-- how many members: psql -v members=N (default 10,000)
\if :{?members}
\else
\set members 10000
\endif
begin;
insert into dim_members (member_id, display_name, role, timezone, version)
  select md5('bench-m' || i)::uuid, 'bench', 'MEMBER', 'UTC', 1 from generate_series(1, :members) i
  on conflict do nothing;
insert into dim_goals (goal_id, member_id, title, theme, status, plan_status, version)
  select md5('bench-g' || i)::uuid, md5('bench-m' || i)::uuid, 'bench', 'OTHER', 'ACTIVE', 'MANUAL', 1
  from generate_series(1, :members) i on conflict do nothing;
insert into dim_habits (habit_id, goal_id, member_id, title, schedule_type, days, times_per_week, start_date, active,
    removed, version)
  select md5('bench-h' || i || '-' || j)::uuid, md5('bench-g' || i)::uuid, md5('bench-m' || i)::uuid, 'bench',
    case j when 1 then 'DAILY' when 2 then 'WEEKDAYS' else 'TIMES_PER_WEEK' end,
    case j when 2 then 'MONDAY,WEDNESDAY,FRIDAY' end, case j when 3 then 3 end, current_date - 120, true, false, 1
  from generate_series(1, :members) i, generate_series(1, 3) j on conflict do nothing;
insert into fact_checkins (checkin_id, member_id, goal_id, habit_id, local_date, status, recorded_at, version)
  select gen_random_uuid(), h.member_id, h.goal_id, h.habit_id, day::date,
    case when random() < 0.75 then 'DONE' when random() < 0.5 then 'MISSED' else 'SKIPPED' end, now(), 1
  from dim_habits h, generate_series(current_date - 90, current_date - 1, interval '1 day') day
  where h.title = 'bench' and random() < 0.8;
commit;
analyze;
