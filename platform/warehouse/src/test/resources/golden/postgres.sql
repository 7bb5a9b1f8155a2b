
-- schema, version 1
create table if not exists sync_erased_members (member_id uuid, version bigint, erased_at timestamptz, primary key (member_id));
create table if not exists sync_deletions (kind text, id uuid, member_id uuid, deleted_at timestamptz, primary key (kind, id));
create table if not exists dim_members (member_id uuid, display_name text, role text, timezone text, mentor_id uuid, group_id uuid, created_at timestamptz, updated_at timestamptz, version bigint, primary key (member_id));
create table if not exists dim_groups (group_id uuid, name text, mentor_id uuid, updated_at timestamptz, version bigint, primary key (group_id));
create table if not exists dim_goals (goal_id uuid, member_id uuid, title text, theme text, status text, plan_status text, minutes_per_week integer, target_date date, updated_at timestamptz, version bigint, primary key (goal_id));
create table if not exists dim_habits (habit_id uuid, goal_id uuid, member_id uuid, title text, schedule_type text, days text, times_per_week integer, every_n_days integer, start_date date, target_value numeric(18, 4), target_unit text, target_direction text, active boolean, removed boolean, version bigint, primary key (habit_id));
create table if not exists fact_checkins (checkin_id uuid, member_id uuid, goal_id uuid, habit_id uuid, local_date date, status text, value numeric(18, 4), recorded_at timestamptz, version bigint, primary key (checkin_id));
create table if not exists fact_journal_entries (entry_id uuid, member_id uuid, written_at timestamptz, mood integer, text_length integer, shared_with_mentor boolean, version bigint, primary key (entry_id));
create table if not exists fact_journal_sentiment (entry_id uuid, member_id uuid, entry_version bigint, score numeric(18, 4), label text, emotions text, provider text, model text, analyzed_at timestamptz, primary key (entry_id));
create table if not exists fact_coach_events (event_id uuid, member_id uuid, goal_id uuid, event_type text, occurred_at timestamptz, provider text, model text, outcome text, detail text, primary key (event_id));
create table if not exists fact_mentor_interactions (event_id uuid, mentor_id uuid, member_id uuid, kind text, occurred_at timestamptz, detail text, primary key (event_id));
create table if not exists sync_offsets (topic text, partition_no integer, next_offset bigint, primary key (topic, partition_no));
create table if not exists dim_date (date_key date primary key, year integer, month integer, day_of_month integer, iso_year integer, iso_week integer, iso_day_of_week integer, weekend boolean);
create table if not exists sync_batches (batch_id uuid primary key, member_ids text, event_count integer, newest_event_time timestamptz, committed_at timestamptz, published boolean);
create table if not exists sync_control (id integer primary key, generation bigint);
insert into dim_date select d, extract(year from d), extract(month from d), extract(day from d), extract(isoyear from d), extract(week from d), extract(isodow from d), extract(isodow from d) > 5 from generate_series(date '2000-01-01', date '2099-12-31', interval '1 day') as g(t), lateral (select t::date as d) as day on conflict do nothing;

-- staging tables, per connection
create temporary table if not exists stage_sync_erased_members (member_id uuid, version bigint, erased_at timestamptz) on commit delete rows;
create temporary table if not exists stage_sync_deletions (kind text, id uuid, member_id uuid, deleted_at timestamptz) on commit delete rows;
create temporary table if not exists stage_dim_members (member_id uuid, display_name text, role text, timezone text, mentor_id uuid, group_id uuid, created_at timestamptz, updated_at timestamptz, version bigint) on commit delete rows;
create temporary table if not exists stage_dim_groups (group_id uuid, name text, mentor_id uuid, updated_at timestamptz, version bigint) on commit delete rows;
create temporary table if not exists stage_dim_goals (goal_id uuid, member_id uuid, title text, theme text, status text, plan_status text, minutes_per_week integer, target_date date, updated_at timestamptz, version bigint) on commit delete rows;
create temporary table if not exists stage_dim_habits (habit_id uuid, goal_id uuid, member_id uuid, title text, schedule_type text, days text, times_per_week integer, every_n_days integer, start_date date, target_value numeric(18, 4), target_unit text, target_direction text, active boolean, removed boolean, version bigint) on commit delete rows;
create temporary table if not exists stage_fact_checkins (checkin_id uuid, member_id uuid, goal_id uuid, habit_id uuid, local_date date, status text, value numeric(18, 4), recorded_at timestamptz, version bigint) on commit delete rows;
create temporary table if not exists stage_fact_journal_entries (entry_id uuid, member_id uuid, written_at timestamptz, mood integer, text_length integer, shared_with_mentor boolean, version bigint) on commit delete rows;
create temporary table if not exists stage_fact_journal_sentiment (entry_id uuid, member_id uuid, entry_version bigint, score numeric(18, 4), label text, emotions text, provider text, model text, analyzed_at timestamptz) on commit delete rows;
create temporary table if not exists stage_fact_coach_events (event_id uuid, member_id uuid, goal_id uuid, event_type text, occurred_at timestamptz, provider text, model text, outcome text, detail text) on commit delete rows;
create temporary table if not exists stage_fact_mentor_interactions (event_id uuid, mentor_id uuid, member_id uuid, kind text, occurred_at timestamptz, detail text) on commit delete rows;
create temporary table if not exists stage_sync_offsets (topic text, partition_no integer, next_offset bigint) on commit delete rows;

-- one merge per table, in this order
insert into sync_erased_members (member_id, version, erased_at) select distinct on (member_id) s.member_id, s.version, s.erased_at from stage_sync_erased_members s order by member_id, version desc on conflict (member_id) do update set version = excluded.version, erased_at = excluded.erased_at where sync_erased_members.version < excluded.version;
insert into sync_deletions (kind, id, member_id, deleted_at) select distinct on (kind, id) s.kind, s.id, s.member_id, s.deleted_at from stage_sync_deletions s where not exists (select 1 from sync_erased_members e where e.member_id = s.member_id) order by kind, id on conflict (kind, id) do nothing;
insert into dim_members (member_id, display_name, role, timezone, mentor_id, group_id, created_at, updated_at, version) select distinct on (member_id) s.member_id, s.display_name, s.role, s.timezone, s.mentor_id, s.group_id, s.created_at, s.updated_at, s.version from stage_dim_members s where not exists (select 1 from sync_erased_members e where e.member_id = s.member_id) order by member_id, version desc on conflict (member_id) do update set display_name = excluded.display_name, role = excluded.role, timezone = excluded.timezone, mentor_id = excluded.mentor_id, group_id = excluded.group_id, created_at = excluded.created_at, updated_at = excluded.updated_at, version = excluded.version where dim_members.version < excluded.version;
insert into dim_groups (group_id, name, mentor_id, updated_at, version) select distinct on (group_id) s.group_id, s.name, s.mentor_id, s.updated_at, s.version from stage_dim_groups s where not exists (select 1 from sync_deletions d where d.kind = 'group' and d.id = s.group_id) order by group_id, version desc on conflict (group_id) do update set name = excluded.name, mentor_id = excluded.mentor_id, updated_at = excluded.updated_at, version = excluded.version where dim_groups.version < excluded.version;
insert into dim_goals (goal_id, member_id, title, theme, status, plan_status, minutes_per_week, target_date, updated_at, version) select distinct on (goal_id) s.goal_id, s.member_id, s.title, s.theme, s.status, s.plan_status, s.minutes_per_week, s.target_date, s.updated_at, s.version from stage_dim_goals s where not exists (select 1 from sync_erased_members e where e.member_id = s.member_id) and not exists (select 1 from sync_deletions d where d.kind = 'goal' and d.id = s.goal_id) order by goal_id, version desc on conflict (goal_id) do update set member_id = excluded.member_id, title = excluded.title, theme = excluded.theme, status = excluded.status, plan_status = excluded.plan_status, minutes_per_week = excluded.minutes_per_week, target_date = excluded.target_date, updated_at = excluded.updated_at, version = excluded.version where dim_goals.version < excluded.version;
insert into dim_habits (habit_id, goal_id, member_id, title, schedule_type, days, times_per_week, every_n_days, start_date, target_value, target_unit, target_direction, active, removed, version) select distinct on (habit_id) s.habit_id, s.goal_id, s.member_id, s.title, s.schedule_type, s.days, s.times_per_week, s.every_n_days, s.start_date, s.target_value, s.target_unit, s.target_direction, s.active, s.removed, s.version from stage_dim_habits s where not exists (select 1 from sync_erased_members e where e.member_id = s.member_id) and not exists (select 1 from sync_deletions d where d.kind = 'goal' and d.id = s.goal_id) order by habit_id, version desc on conflict (habit_id) do update set goal_id = excluded.goal_id, member_id = excluded.member_id, title = excluded.title, schedule_type = excluded.schedule_type, days = excluded.days, times_per_week = excluded.times_per_week, every_n_days = excluded.every_n_days, start_date = excluded.start_date, target_value = excluded.target_value, target_unit = excluded.target_unit, target_direction = excluded.target_direction, active = excluded.active, removed = excluded.removed, version = excluded.version where dim_habits.version < excluded.version;
insert into fact_checkins (checkin_id, member_id, goal_id, habit_id, local_date, status, value, recorded_at, version) select distinct on (checkin_id) s.checkin_id, s.member_id, s.goal_id, s.habit_id, s.local_date, s.status, s.value, s.recorded_at, s.version from stage_fact_checkins s where not exists (select 1 from sync_erased_members e where e.member_id = s.member_id) and not exists (select 1 from sync_deletions d where d.kind = 'checkin' and d.id = s.checkin_id) and not exists (select 1 from sync_deletions d where d.kind = 'goal' and d.id = s.goal_id) order by checkin_id, version desc on conflict (checkin_id) do update set member_id = excluded.member_id, goal_id = excluded.goal_id, habit_id = excluded.habit_id, local_date = excluded.local_date, status = excluded.status, value = excluded.value, recorded_at = excluded.recorded_at, version = excluded.version where fact_checkins.version < excluded.version;
insert into fact_journal_entries (entry_id, member_id, written_at, mood, text_length, shared_with_mentor, version) select distinct on (entry_id) s.entry_id, s.member_id, s.written_at, s.mood, s.text_length, s.shared_with_mentor, s.version from stage_fact_journal_entries s where not exists (select 1 from sync_erased_members e where e.member_id = s.member_id) and not exists (select 1 from sync_deletions d where d.kind = 'journal' and d.id = s.entry_id) order by entry_id, version desc on conflict (entry_id) do update set member_id = excluded.member_id, written_at = excluded.written_at, mood = excluded.mood, text_length = excluded.text_length, shared_with_mentor = excluded.shared_with_mentor, version = excluded.version where fact_journal_entries.version < excluded.version;
insert into fact_journal_sentiment (entry_id, member_id, entry_version, score, label, emotions, provider, model, analyzed_at) select distinct on (entry_id) s.entry_id, s.member_id, s.entry_version, s.score, s.label, s.emotions, s.provider, s.model, s.analyzed_at from stage_fact_journal_sentiment s where not exists (select 1 from sync_erased_members e where e.member_id = s.member_id) and not exists (select 1 from sync_deletions d where d.kind = 'journal' and d.id = s.entry_id) order by entry_id, entry_version desc on conflict (entry_id) do update set member_id = excluded.member_id, entry_version = excluded.entry_version, score = excluded.score, label = excluded.label, emotions = excluded.emotions, provider = excluded.provider, model = excluded.model, analyzed_at = excluded.analyzed_at where fact_journal_sentiment.entry_version < excluded.entry_version;
insert into fact_coach_events (event_id, member_id, goal_id, event_type, occurred_at, provider, model, outcome, detail) select distinct on (event_id) s.event_id, s.member_id, s.goal_id, s.event_type, s.occurred_at, s.provider, s.model, s.outcome, s.detail from stage_fact_coach_events s where not exists (select 1 from sync_erased_members e where e.member_id = s.member_id) order by event_id on conflict (event_id) do nothing;
insert into fact_mentor_interactions (event_id, mentor_id, member_id, kind, occurred_at, detail) select distinct on (event_id) s.event_id, s.mentor_id, s.member_id, s.kind, s.occurred_at, s.detail from stage_fact_mentor_interactions s where not exists (select 1 from sync_erased_members e where e.member_id = s.member_id) and not exists (select 1 from sync_erased_members e where e.member_id = s.mentor_id) order by event_id on conflict (event_id) do nothing;
insert into sync_offsets (topic, partition_no, next_offset) select distinct on (topic, partition_no) s.topic, s.partition_no, s.next_offset from stage_sync_offsets s order by topic, partition_no, next_offset desc on conflict (topic, partition_no) do update set next_offset = excluded.next_offset where sync_offsets.next_offset < excluded.next_offset;

-- after erasures
delete from sync_deletions where member_id in (select member_id from stage_sync_erased_members);
delete from dim_members where member_id in (select member_id from stage_sync_erased_members);
delete from dim_goals where member_id in (select member_id from stage_sync_erased_members);
delete from dim_habits where member_id in (select member_id from stage_sync_erased_members);
delete from fact_checkins where member_id in (select member_id from stage_sync_erased_members);
delete from fact_journal_entries where member_id in (select member_id from stage_sync_erased_members);
delete from fact_journal_sentiment where member_id in (select member_id from stage_sync_erased_members);
delete from fact_coach_events where member_id in (select member_id from stage_sync_erased_members);
delete from fact_mentor_interactions where member_id in (select member_id from stage_sync_erased_members);
delete from fact_mentor_interactions where mentor_id in (select member_id from stage_sync_erased_members);
update dim_members set mentor_id = null where mentor_id in (select member_id from stage_sync_erased_members);
update dim_groups set mentor_id = null where mentor_id in (select member_id from stage_sync_erased_members);

-- after deletions
delete from dim_groups where group_id in (select id from stage_sync_deletions where kind = 'group');
delete from dim_goals where goal_id in (select id from stage_sync_deletions where kind = 'goal');
delete from dim_habits where goal_id in (select id from stage_sync_deletions where kind = 'goal');
delete from fact_checkins where goal_id in (select id from stage_sync_deletions where kind = 'goal');
delete from fact_checkins where checkin_id in (select id from stage_sync_deletions where kind = 'checkin');
delete from fact_journal_entries where entry_id in (select id from stage_sync_deletions where kind = 'journal');
delete from fact_journal_sentiment where entry_id in (select id from stage_sync_deletions where kind = 'journal');

-- after goal snapshots
update dim_habits set removed = true from dim_goals g where dim_habits.goal_id = g.goal_id and dim_habits.version < g.version and dim_habits.removed = false and g.goal_id in (select goal_id from stage_dim_goals);

-- replay
delete from sync_deletions;
delete from dim_members;
delete from dim_groups;
delete from dim_goals;
delete from dim_habits;
delete from fact_checkins;
delete from fact_journal_entries;
delete from fact_journal_sentiment;
delete from fact_coach_events;
delete from fact_mentor_interactions;
delete from sync_offsets;
