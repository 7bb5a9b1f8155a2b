-- The member's conversation with the coach: their messages and the coach's replies. A reply records the provider
-- and model that wrote it, the context it used (which parts, from where), its tokens and latency.
create table chat_messages (
    id            uuid primary key,
    member_id     uuid        not null,
    role          text        not null check (role in ('MEMBER', 'COACH')),
    text          text        not null check (char_length(text) between 1 and 20000),
    provider      text,
    model         text,
    context_used  text,
    input_tokens  integer,
    output_tokens integer,
    latency_ms    bigint,
    created_at    timestamptz not null
);
create index chat_member on chat_messages (member_id, created_at desc, id);
