-- Ký thay (issue 16): the principal (or an administrator above the school) gives the principal's approvals to a
-- vice-principal of the same school for a period (dates in Vietnam time, both included), for one kind of approval or
-- all of them.
create table delegation (
    id          uuid         primary key,
    school_code varchar(32)  not null references organisation (code),
    delegate    varchar(64)  not null references user_account (username),
    scope       varchar(20)  not null,
    valid_from  date         not null,
    valid_to    date         not null,
    note        varchar(500),
    created_by  varchar(64)  not null,
    created_at  timestamp with time zone not null,
    revoked_by  varchar(64),
    revoked_at  timestamp with time zone
);
create index delegation_delegate_idx on delegation (delegate, valid_to);
create index delegation_school_idx on delegation (school_code, valid_to);

-- The capacity a step was done in when it was not the actor's own, e.g. "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG (ký thay)".
alter table step_record add column authority varchar(200);
