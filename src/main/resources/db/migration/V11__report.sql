-- Report campaigns (issue 6): an education office asks its schools for a report by a deadline; one row per school
-- follows that school's report (bpmn/school-report.bpmn). Recurring campaigns open by themselves from a schedule.
-- Portable H2 / PostgreSQL: one column per statement.
create table report_schedule (
    id                bigint       primary key,
    office_code       varchar(64)  not null,
    period            varchar(20)  not null,
    title             varchar(500) not null,
    deadline_month    integer      not null,
    deadline_day      integer      not null,
    open_days_before  integer      not null,
    -- SCHOOL: the schools under the office report; OFFICE: the education offices under it (a department
    -- consolidating its offices' reports).
    reporter_kind     varchar(20)  not null,
    enabled           boolean      not null
);

create table report_campaign (
    id                  uuid         primary key,
    office_code         varchar(64)  not null,
    title               varchar(500) not null,
    period              varchar(20)  not null,
    deadline            date         not null,
    deadline_at         timestamp with time zone not null,
    template_document_id uuid,
    opened_by           varchar(64)  not null,
    opened_at           timestamp with time zone not null,
    process_instance_id varchar(64),
    schedule_id         bigint,
    schedule_year       integer,
    reminded_at         timestamp with time zone,
    deadline_passed_at  timestamp with time zone,
    closed_at           timestamp with time zone
);
alter table report_campaign add constraint report_campaign_schedule_year_uq unique (schedule_id, schedule_year);
create index report_campaign_office_idx on report_campaign (office_code, opened_at);

create table school_report (
    id                  uuid         primary key,
    campaign_id         uuid         not null,
    school_code         varchar(64)  not null,
    status              varchar(30)  not null,
    process_instance_id varchar(64),
    document_id         uuid,
    returned_at_version integer,
    signed_version      integer,
    electronic          boolean,
    outgoing_symbol     varchar(100),
    arrival_number      integer,
    arrival_year        integer,
    first_submitted_at  timestamp with time zone,
    submitted_at        timestamp with time zone,
    submissions         integer      not null,
    late                boolean      not null,
    missed              boolean      not null,
    return_comment      varchar(2000),
    accepted_at         timestamp with time zone,
    reminded_at         timestamp with time zone,
    row_version         bigint       not null
);
alter table school_report add constraint school_report_campaign_school_uq unique (campaign_id, school_code);
alter table school_report add constraint school_report_campaign_fk foreign key (campaign_id) references report_campaign (id);
create index school_report_school_idx on school_report (school_code);
