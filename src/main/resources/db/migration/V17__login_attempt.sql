-- Wrong-password counts per account and per address (issue 12): in the database, so that every node counts the same
-- wrong passwords and a lock set on one node holds on all. One row per key, changed under SELECT ... FOR UPDATE.
create table login_attempt (
    attempt_key      varchar(120) primary key,  -- "account:<user name>" or "address:<IP address>"
    failures         integer      not null,     -- wrong passwords in the current window
    window_start     timestamp with time zone not null,
    locked_until     timestamp with time zone,  -- null when not locked
    lock_count       integer      not null,     -- lock-outs since the last success
    refusal_reported boolean      not null,     -- a refusal during the current lock was audited
    last_failure     timestamp with time zone not null
);
-- Forgetting quiet entries scans by the latest failure.
create index login_attempt_last_failure_idx on login_attempt (last_failure);
