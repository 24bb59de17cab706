-- Bearer tokens of /api (issue 12): a client proves its password once (POST /api/auth/token) and then sends the
-- token; only its SHA-256 is kept, in the database, so every node accepts a token made on any other and a revocation
-- holds on all at once. Rows past their expiry are deleted when new tokens are made.
create table api_token (
    token_hash varchar(64)  primary key,                   -- SHA-256 of the bearer token, hex
    username   varchar(64)  not null references user_account (username),
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    revoked_at timestamp with time zone                    -- null while not revoked (DELETE /api/auth/token)
);
create index api_token_expiry_idx on api_token (expires_at);
