-- A service's local copy of who members are (from goalcoach.members): for authorization (who mentors whom)
-- and for member-local dates (time zone). Services that keep it add db/member-directory to their Flyway
-- locations. An erased member stays as a tombstone so that a late, older event cannot bring them back.
create table member_directory (
    member_id    uuid primary key,
    display_name text,
    role         text,
    timezone     text,
    mentor_id    uuid,
    group_id     uuid,
    revision     bigint      not null,
    deleted      boolean     not null default false,
    updated_at   timestamptz not null default now()
);

create index member_directory_mentor on member_directory (mentor_id) where not deleted;
