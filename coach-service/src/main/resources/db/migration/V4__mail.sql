-- Reminders, reviews and reports by mail (issue 22).

-- Where to reach a member: member-service's member.contact.changed (goalcoach.contacts); the newest revision wins,
-- an erasure's (no address) removes the row.
create table member_contacts (
    member_id      uuid primary key,
    email          text    not null,
    email_verified boolean not null,
    revision       bigint  not null
);

-- What a member wants from the scheduled coaching: in the app, by mail, which kinds by mail, and quiet hours in
-- their own zone (a mail due then waits for their end). No row: everything, both ways, no quiet hours. The token
-- is the unsubscribe links' (a link works without signing in; it can only turn mail off).
create table notification_preferences (
    member_id         uuid primary key,
    in_app            boolean     not null default true,
    email             boolean     not null default true,
    email_kinds       text[]      not null default '{REMINDER,WEEKLY_REVIEW,MONTHLY_REPORT}',
    quiet_start       time,
    quiet_end         time,
    unsubscribe_token text        not null unique,
    updated_at        timestamptz not null,
    check ((quiet_start is null) = (quiet_end is null))
);

-- The mail-kit's queue (platform/mail-kit/README.md).
create table mail_outbox (
    id              uuid primary key,
    member_id       uuid,
    kind            text        not null,
    recipient       text        not null,
    subject         text        not null,
    text_body       text        not null,
    html_body       text,
    unsubscribe_url text,
    created_at      timestamptz not null,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text
);
create index mail_outbox_due on mail_outbox (next_attempt_at);
create index mail_outbox_member on mail_outbox (member_id);
