create table goals (
    id               uuid primary key,
    member_id        uuid        not null,
    title            text        not null,
    description      text,
    theme            text        not null,
    minutes_per_week integer,
    unavailable_days text,
    target_date      date,
    status           text        not null,
    plan_status      text        not null,
    ai_plan          text,
    revision         bigint      not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index goals_member on goals (member_id, created_at);

create table subgoals (
    id       uuid primary key,
    goal_id  uuid    not null references goals (id) on delete cascade,
    position integer not null,
    title    text    not null,
    due_date date,
    done     boolean not null default false
);
create index subgoals_goal on subgoals (goal_id, position);

create table habits (
    id               uuid primary key,
    goal_id          uuid        not null references goals (id) on delete cascade,
    member_id        uuid        not null,
    position         integer     not null,
    title            text        not null,
    schedule_type    text        not null,
    schedule_days    text,
    times_per_week   integer,
    every_n_days     integer,
    start_date       date        not null,
    target_value     numeric,
    target_unit      text,
    target_direction text,
    reminder_times   text,
    active           boolean     not null,
    created_at       timestamptz not null
);
create index habits_goal on habits (goal_id);
create index habits_member on habits (member_id);

-- One check-in per habit and member-local date: a repeat updates it.
create table checkins (
    id         uuid primary key,
    member_id  uuid        not null,
    goal_id    uuid        not null,
    habit_id   uuid        not null references habits (id) on delete cascade,
    local_date date        not null,
    status     text        not null,
    value      numeric,
    note       text,
    revision   bigint      not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (habit_id, local_date)
);
create index checkins_member_date on checkins (member_id, local_date);

-- A retried POST with the same Idempotency-Key gets the first answer.
create table idempotency_keys (
    member_id    uuid        not null,
    key          text        not null,
    request_hash text        not null,
    status       integer,
    body         text,
    created_at   timestamptz not null default now(),
    primary key (member_id, key)
);
