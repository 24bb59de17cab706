-- The audit trail: an append-only, hash-chained log of every action. Portable across H2 2.x and PostgreSQL.
-- Each entry's hash is SHA-256 over a canonical encoding of all its fields and the previous entry's hash (see
-- vn.truongso.audit.AuditChain), so editing, deleting or reordering entries breaks the chain. The application never
-- updates or deletes an entry.
create table audit_entry (
    seq             bigint        primary key,           -- 1, 2, 3, … without gaps
    occurred_at     timestamp with time zone not null,
    actor           varchar(64)   not null,              -- a username, or 'system/job'
    organisation    varchar(32),                         -- the school or office the entry belongs to
    action          varchar(60)   not null,              -- stable code, e.g. DOCUMENT_UPLOADED
    target_type     varchar(40)   not null,              -- DOCUMENT, TASK, LESSON_PLAN, SIGN_TRANSACTION, CREDENTIAL
    target_id       varchar(64)   not null,
    document_id     uuid,
    digest_before   varchar(64),                         -- SHA-256 hex of the document version before the action
    digest_after    varchar(64),                         -- … and after it
    remote_address  varchar(64),                         -- the client's address; null for the job executor
    details         varchar(1000),
    prev_hash       varchar(64)   not null,
    hash            varchar(64)   not null,
    constraint audit_entry_hash_uq unique (hash)
);
create index audit_entry_document_idx on audit_entry (document_id, seq);
create index audit_entry_org_idx on audit_entry (organisation, seq);

-- The chain's head: one row, locked (SELECT … FOR UPDATE) by every append so the chain never forks, and the last
-- entry's number and hash, so deleting entries at the end is detected too.
create table audit_chain_head (
    id        integer      primary key,
    last_seq  bigint       not null,
    last_hash varchar(64)  not null,
    constraint audit_chain_head_one check (id = 1)
);
insert into audit_chain_head (id, last_seq, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
