-- The last CRL number each CA of the school PKI published (issue 12): every node takes the next one from this row,
-- locked while it is raised, so two nodes never sign two different CRLs with one number and numbers only grow.
create table crl_number (
    ca_serial_hex varchar(40) primary key,  -- the CA certificate's serial, lower-case hex as in revoked_certificate
    last_number   bigint      not null
);
