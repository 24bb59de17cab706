-- The Cloud Signature Consortium API v2 on /csc/v2: access tokens and signature activation data (SAD).
-- Portable across H2 2.x and PostgreSQL. Neither secret is stored: only the SHA-256 (hex) of each random token and
-- SAD, so reading these tables grants nothing. Every node sees the same rows, so any node answers any client.

create table csc_access_token (
    token_hash varchar(64)  primary key,                   -- SHA-256 of the bearer token, hex
    username   varchar(64)  not null references user_account (username),
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null
);
create index csc_access_token_expiry_idx on csc_access_token (expires_at);

-- One credentials/authorize: good for exactly these hashes of this credential, by its owner, until it expires.
create table csc_authorization (
    sad_hash        varchar(64)  primary key,              -- SHA-256 of the SAD, hex
    credential_id   uuid         not null references signing_credential (id),
    username        varchar(64)  not null,
    num_signatures  integer      not null,
    signatures_used integer      not null default 0,
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone not null,
    row_version     bigint       not null default 0
);
create index csc_authorization_expiry_idx on csc_authorization (expires_at);

create table csc_authorization_hash (
    sad_hash   varchar(64) not null references csc_authorization (sad_hash),
    item_index integer     not null,
    sha256     varchar(64) not null,                       -- hex
    used       boolean     not null default false,         -- signed once: never again with this SAD
    primary key (sad_hash, item_index)
);
