-- How many times in a row a credential was locked for wrong one-time codes: each new lock lasts longer (issue 13).
alter table signing_credential add column lock_count integer not null default 0;
