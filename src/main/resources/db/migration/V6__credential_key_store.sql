-- Remote signing: a credential's private key is either encrypted in this row (SOFTWARE, as before) or held in a
-- PKCS#11 token (PKCS11: an HSM, or SoftHSM2) under key_alias, in which case the row holds no key material at all.
-- Portable across H2 2.x and PostgreSQL.

alter table signing_credential alter column key_ciphertext drop not null;
alter table signing_credential alter column key_iv drop not null;
alter table signing_credential add column key_store varchar(20) default 'SOFTWARE' not null;
alter table signing_credential add column key_alias varchar(100);
alter table signing_credential add constraint signing_credential_key_where check (
    (key_store = 'SOFTWARE' and key_ciphertext is not null and key_iv is not null and key_alias is null)
    or (key_store = 'PKCS11' and key_alias is not null and key_ciphertext is null and key_iv is null));
