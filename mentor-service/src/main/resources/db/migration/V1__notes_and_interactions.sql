-- A mentor's private notes about a mentee: the author's own, never shown to the member.
create table mentor_notes (
    id         uuid primary key,
    mentor_id  uuid        not null,
    member_id  uuid        not null,
    text       text        not null,
    revision   bigint      not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index mentor_notes_pair on mentor_notes (mentor_id, member_id, created_at desc);
create index mentor_notes_member on mentor_notes (member_id);

-- The audit: what a mentor looked at or asked about a mentee, and what was refused them.
create table mentor_interactions (
    id          uuid primary key,
    mentor_id   uuid        not null,
    member_id   uuid        not null,
    kind        text        not null,
    outcome     text        not null,
    detail      text,
    occurred_at timestamptz not null
);
create index mentor_interactions_pair on mentor_interactions (mentor_id, member_id, occurred_at desc);
create index mentor_interactions_member on mentor_interactions (member_id, occurred_at desc);
