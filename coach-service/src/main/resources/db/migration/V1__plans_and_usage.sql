-- Plans coach-service made for goals: the plan.generated data as published, with the provider and model that
-- made it. One per goal: a redelivered goal.created finds it and publishes nothing new.
create table plans (
    goal_id    uuid primary key,
    member_id  uuid        not null,
    outcome    text        not null check (outcome in ('READY', 'FALLBACK')),
    provider   text        not null,
    model      text        not null,
    plan       text        not null,
    created_at timestamptz not null
);
create index plans_member on plans (member_id);

-- The AI usage ledger: every model call, whom it served, why, its tokens, latency and outcome.
create table ai_usage (
    id            bigint generated always as identity primary key,
    member_id     uuid,
    purpose       text        not null,
    provider      text        not null,
    model         text        not null,
    input_tokens  integer     not null default 0,
    output_tokens integer     not null default 0,
    latency_ms    bigint      not null,
    outcome       text        not null,
    at            timestamptz not null
);
create index ai_usage_member on ai_usage (member_id, at);
