-- Signatures waiting for their signer's confirmation (remote signing). Phase 1 prepared the PDF's incremental update
-- (signature dictionary, appearance, zero-filled /Contents) and the CMS signed attributes; phase 2, after the signer
-- confirmed, puts the signature value in. Only the increment is kept: the base version is already stored.
create table pending_signature (
    id                  uuid          primary key,
    document_id         uuid          not null references document (id),
    base_version        integer       not null,
    signer              varchar(64)   not null,
    signer_role         varchar(40)   not null,
    label               varchar(500)  not null,
    document_kind       varchar(100)  not null,
    process_instance_id varchar(64)   not null,
    status              varchar(20)   not null,            -- PREPARED, REQUESTED, CONFIRMED, APPLIED, REJECTED, EXPIRED, DOCUMENT_CHANGED
    increment_bytes     bytea         not null,
    signed_attributes   bytea         not null,
    chain_der           bytea         not null,            -- signer, issuing CA, root: DER certificates one after another
    transaction_id      uuid,
    item_index          integer,
    signature_value     bytea,
    applied_version     integer,
    created_at          timestamp with time zone not null,
    decided_at          timestamp with time zone,
    row_version         bigint        not null default 0
);
create index pending_signature_signer_idx on pending_signature (signer, status);
create index pending_signature_tx_idx on pending_signature (transaction_id);
create index pending_signature_process_idx on pending_signature (process_instance_id);
