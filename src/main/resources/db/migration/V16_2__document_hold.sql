-- A process that reviews and signs a document pins the version it was given (what a signature means: the signer
-- saw and approved exactly the bytes signed). While held, the owner adds no version except in the process's own
-- revise step (revising); each signature's output becomes the next pinned version.
create table document_hold (
    document_id    uuid         primary key references document (id),
    holder         varchar(100) not null,
    pinned_version integer      not null,
    pinned_sha256  varchar(64)  not null,
    revising       boolean      not null default false,
    held_at        timestamp with time zone not null,
    row_version    bigint       not null default 0
);
