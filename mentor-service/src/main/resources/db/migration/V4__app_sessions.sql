-- The dashboard client's sign-ins: the cookie holds a random value, this table its SHA-256 (a copied table lets
-- no one in), the member-service token it stands for, and the CSRF token every form of the session carries.
create table mentor_app_sessions (
    id_hash    text primary key,
    member_id  uuid        not null,
    token      text        not null,
    csrf       text        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
create index mentor_app_sessions_member on mentor_app_sessions (member_id);
create index mentor_app_sessions_expiry on mentor_app_sessions (expires_at);
