-- What the scheduled coaching reads, kept from goal-service's events (no caller's token exists at 07:00): each
-- member's goals and habits (goal.created/updated/deleted) and their check-ins of the last months
-- (checkin.logged/updated/retracted). Revisions keep an older event from overwriting a newer one.
create table coach_goals (
    goal_id   uuid primary key,
    member_id uuid    not null,
    title     text    not null,
    status    text    not null,
    revision  bigint  not null,
    deleted   boolean not null default false
);
create index coach_goals_member on coach_goals (member_id);

create table coach_habits (
    habit_id       uuid primary key,
    goal_id        uuid     not null,
    member_id      uuid     not null,
    title          text     not null,
    schedule_type  text     not null,
    days           smallint[],           -- ISO days of week, 1 = Monday, for WEEKDAYS
    times_per_week integer,
    every_n_days   integer,
    start_date     date,
    target_value   numeric,
    target_unit    text,
    target_direction text,
    active         boolean  not null
);
create index coach_habits_member on coach_habits (member_id);
create index coach_habits_goal on coach_habits (goal_id);

create table coach_checkins (
    checkin_id uuid primary key,
    member_id  uuid    not null,
    habit_id   uuid    not null,
    local_date date    not null,
    status     text    not null,
    revision   bigint  not null,
    retracted  boolean not null default false
);
create index coach_checkins_habit on coach_checkins (habit_id, local_date);
create index coach_checkins_member on coach_checkins (member_id, local_date);

-- Once per period: a job writes its mark (job, subject, period) in the transaction of its effect; a second run
-- in the same period, on this replica or another, finds the mark and does nothing.
create table job_marks (
    job        text        not null,
    subject    uuid        not null,
    period     text        not null,
    created_at timestamptz not null,
    primary key (job, subject, period)
);

-- What the coach sends a member: the morning reminder, the weekly review's notice, the monthly report's.
create table notifications (
    id         uuid primary key,
    member_id  uuid        not null,
    kind       text        not null,
    period     text        not null,
    title      text        not null,
    body       text        not null,
    provider   text        not null,
    model      text        not null,
    created_at timestamptz not null,
    read_at    timestamptz,
    unique (member_id, kind, period)
);
create index notifications_member on notifications (member_id, created_at desc);

-- A mentor cohort's weekly post: figures of the group as a whole, no member named.
create table feed_posts (
    id         uuid primary key,
    group_id   uuid        not null,
    period     text        not null,
    text       text        not null,
    provider   text        not null,
    model      text        not null,
    created_at timestamptz not null,
    unique (group_id, period)
);

-- A member's monthly progress report: the month's figures (JSON) and the text written from them.
create table reports (
    id         uuid primary key,
    member_id  uuid        not null,
    month      text        not null,
    figures    text        not null,
    text       text        not null,
    provider   text        not null,
    model      text        not null,
    created_at timestamptz not null,
    unique (member_id, month)
);
