-- Certificates the issuing CA signs at run time (e.g. remote-signing credentials). The sample PKI's own certificates
-- come from its directory; these must survive restarts and be known to every node, so OCSP answers "good" and an
-- administrator can revoke them.

create table issued_certificate (
    serial_hex varchar(40)   primary key,  -- lower-case hex, as in revoked_certificate
    der_base64 varchar(8000) not null,     -- the certificate, DER, base64
    issued_at  timestamp with time zone not null
);
