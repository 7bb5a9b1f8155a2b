-- Journal entries: the text is the member's; a mentor sees mood and sentiment, and the text only when shared.
create table journal_entries (
    id                 uuid primary key,
    member_id          uuid        not null,
    text               text        not null check (char_length(text) between 1 and 10000),
    mood               integer check (mood between 1 and 5),
    shared_with_mentor boolean     not null default false,
    sentiment_score    numeric(4, 3),
    sentiment_label    text,
    emotions           text,
    sentiment_model    text,
    sentiment_revision bigint,
    revision           bigint      not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
create index journal_member on journal_entries (member_id, created_at desc);
