-- The school PKI: certificates of the issuing CA revoked by an administrator. The CRL and the OCSP responder read
-- this table on every request, so every node answers the same. Portable across H2 2.x and PostgreSQL.

create table revoked_certificate (
    serial_hex varchar(40)  primary key,  -- the serial number in lower-case hex, no leading zeros (at most 20 octets)
    reason     integer      not null,     -- RFC 5280 CRLReason code
    revoked_at timestamp with time zone not null,
    revoked_by varchar(64)  not null
);
