-- At-risk alerts: a mentee's risk rose to HIGH (analytics.risk.changed, a first computation at HIGH included).
-- One per member, level and member-local day, so a change delivered twice raises one. The mentor who sees it is
-- the member's mentor now (member_directory), so an alert follows a reassigned mentee.
create table mentor_alerts (
    id              uuid primary key,
    member_id       uuid        not null,
    level           text        not null,
    as_of           date        not null,
    previous_level  text,
    score           integer     not null,
    reasons         jsonb       not null,
    raised_at       timestamptz not null,
    acknowledged_at timestamptz,
    acknowledged_by uuid,
    resolved_at     timestamptz,
    unique (member_id, level, as_of)
);
create index mentor_alerts_unresolved on mentor_alerts (member_id, raised_at desc) where resolved_at is null;
