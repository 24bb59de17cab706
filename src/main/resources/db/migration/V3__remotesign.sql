-- Remote signing: signers' credentials and sign transactions. Portable across H2 2.x and PostgreSQL.
-- Key material is never stored in clear: the private key (PKCS#8) and the TOTP secret are AES-256-GCM ciphertexts
-- (base64) under a master key that lives in configuration, not here; associated data is the credential id.

create table signing_credential (
    id                  uuid          primary key,
    username            varchar(64)   not null references user_account (username),
    status              varchar(20)   not null,            -- ACTIVE, SUSPENDED, REVOKED
    certificate_pem     varchar(8000) not null,
    serial_hex          varchar(40)   not null,
    key_ciphertext      varchar(4000) not null,
    key_iv              varchar(24)   not null,
    totp_ciphertext     varchar(200),
    totp_iv             varchar(24),
    totp_enrolled_at    timestamp with time zone,
    last_used_totp_step bigint,                            -- no code of this or an earlier time step works again
    failed_attempts     integer       not null default 0,
    locked_until        timestamp with time zone,
    created_at          timestamp with time zone not null,
    row_version         bigint        not null default 0
);
create index signing_credential_user_idx on signing_credential (username);

create table sign_transaction (
    id            uuid          primary key,
    credential_id uuid          not null references signing_credential (id),
    username      varchar(64)   not null,
    reason        varchar(500)  not null,
    display_text  varchar(500)  not null,
    status        varchar(20)   not null,                  -- PENDING, SIGNED, REJECTED, EXPIRED
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone not null,
    decided_at    timestamp with time zone,
    reject_reason varchar(500),
    row_version   bigint        not null default 0
);
create index sign_transaction_user_idx on sign_transaction (username, created_at);

create table sign_transaction_item (
    transaction_id  uuid         not null references sign_transaction (id),
    item_index      integer      not null,
    label           varchar(500) not null,
    sha256          varchar(64)  not null,                 -- hex
    signature_value varchar(1000),                         -- base64, once signed
    primary key (transaction_id, item_index)
);
