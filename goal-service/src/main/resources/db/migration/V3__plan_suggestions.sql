-- Changes to a plan proposed by coach-service, waiting for the member (or their mentor) to decide.
create table plan_suggestions (
    id            uuid primary key,
    goal_id       uuid        not null references goals (id) on delete cascade,
    member_id     uuid        not null,
    kind          text        not null,
    proposal      text        not null,
    reason        text        not null,
    status        text        not null,
    decided_by    uuid,
    decided_role  text,
    decision_note text,
    decided_at    timestamptz,
    created_at    timestamptz not null
);
create index plan_suggestions_goal on plan_suggestions (goal_id, created_at desc);
create index plan_suggestions_member on plan_suggestions (member_id);
