-- The copilot's questions and answers, in the audit: what was asked, answered, by which model, on what context.
alter table mentor_interactions
    add column question text,
    add column answer   text,
    add column provider text,
    add column model    text,
    add column context  text;

-- The AI usage ledger (platform/ai-kit): one row per model call.
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

-- a question about the whole roster is about no one mentee
alter table mentor_interactions alter column member_id drop not null;
