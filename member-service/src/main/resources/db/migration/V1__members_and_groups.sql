create table members (
    id            uuid primary key,
    email         text        not null,
    display_name  text        not null,
    role          text        not null check (role in ('MEMBER', 'MENTOR', 'ADMIN')),
    timezone      text        not null,
    mentor_id     uuid references members (id) on delete set null,
    group_id      uuid,
    password_hash text        not null,
    revision      bigint      not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    check (email = lower(email))
);

-- emails are stored lower-cased, so this is the case-insensitive uniqueness
create unique index members_email on members (email);
create index members_mentor on members (mentor_id);
create index members_group on members (group_id);
create index members_role on members (role);

-- A mentor's cohort.
create table member_groups (
    id         uuid primary key,
    name       text        not null,
    mentor_id  uuid        not null references members (id) on delete cascade,
    revision   bigint      not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);

create index member_groups_mentor on member_groups (mentor_id);

alter table members add constraint members_group_fk foreign key (group_id) references member_groups (id) on delete set null;
