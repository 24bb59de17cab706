-- Where the signature's visible appearance went and why (issue 16), told to the signer with the signing result.
alter table pending_signature add column placement varchar(400);
