-- Paperless figures (issue 5): what each step cost or saved, signatures as steps, and one row per process instance.
-- Portable H2 / PostgreSQL: one column per statement.
alter table step_record add column kind varchar(20);
alter table step_record add column document_id uuid;
alter table step_record add column document_pages integer;
alter table step_record add column printed_copies integer;
alter table step_record add column pages_avoided integer;
alter table step_record add column signed_electronically boolean;
alter table step_record add column scan_document_id uuid;
update step_record set kind = 'TASK' where task_id is not null;
update step_record set kind = 'SUBMISSION' where task_id is null;
create index step_record_open_idx on step_record (process_instance_id, step_id, ended_at);

-- One row per tracked process instance (called processes such as a remote signature are part of their caller).
create table process_record (
    process_instance_id varchar(64)  primary key,
    process_key         varchar(100) not null,
    process_name        varchar(255),
    business_key        varchar(255),
    tenant_id           varchar(64),
    document_id         uuid,
    started_by          varchar(64),
    started_at          timestamp with time zone not null,
    ended_at            timestamp with time zone,
    outcome             varchar(20)
);
create index process_record_tenant_idx on process_record (tenant_id, started_at);
create index process_record_document_idx on process_record (document_id);
-- Instances started before this version: known from their submission step (their end is not known).
insert into process_record (process_instance_id, process_key, business_key, tenant_id, started_by, started_at)
    select process_instance_id, process_key, business_key, tenant_id, actor, started_at
    from step_record where kind = 'SUBMISSION';
