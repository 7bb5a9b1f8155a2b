-- Accounts a person expects (issue 22): a verified email, single-use links, rotating refresh tokens, mail.

-- When the member proved the address is theirs (a verification or reset link followed); null until then, and
-- again after the address changes.
alter table members add column email_verified_at timestamptz;

-- Single-use links mailed to a member: verifying their address, resetting their password. Only the token's
-- SHA-256 is kept: a copy of the table opens nothing.
create table account_tokens (
    token_hash text primary key,
    member_id  uuid        not null references members (id) on delete cascade,
    purpose    text        not null check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD')),
    -- the address the link went to: a verification proves that address only
    email      text        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index account_tokens_member on account_tokens (member_id);

-- Refresh tokens, rotated at every use: each sign-in starts a family; a token used twice (a stolen copy, or its
-- owner after a thief) revokes its whole family. Hashed as above.
create table refresh_tokens (
    token_hash text primary key,
    family_id  uuid        not null,
    member_id  uuid        not null references members (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    revoked_at timestamptz
);
create index refresh_tokens_member on refresh_tokens (member_id);
create index refresh_tokens_family on refresh_tokens (family_id);

-- Password resets asked for, by email, whether an account has it or not: the request's answer does the same work
-- either way, and the reset mail (if any) is made from here after the answer (PasswordResets).
create table password_reset_requests (
    id           uuid primary key,
    email        text        not null,
    requested_at timestamptz not null
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
