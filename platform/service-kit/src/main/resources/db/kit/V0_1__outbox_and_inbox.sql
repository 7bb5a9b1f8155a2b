-- The transactional outbox: a service writes its rows and the events describing them in one transaction;
-- OutboxRelay publishes unpublished rows to Kafka and marks them.
create table outbox (
    seq          bigint generated always as identity primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    record_key   text        not null,
    event_type   text        not null,
    subject      text,
    event_time   timestamptz not null,
    data         text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);

create index outbox_unpublished on outbox (seq) where published_at is null;
create index outbox_published_at on outbox (published_at) where published_at is not null;

-- Wakes the relay as soon as a transaction that wrote events commits (NOTIFY is delivered at commit).
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('goalcoach_outbox', '');
    return null;
end
$$;

create trigger outbox_after_insert after insert on outbox
    for each statement execute function outbox_notify();

-- The idempotent inbox: a consumer records each event id in the transaction that applies the event.
create table processed_events (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
