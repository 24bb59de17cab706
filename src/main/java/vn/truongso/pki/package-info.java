/**
 * The school PKI: a root CA, an issuing CA, the signers' certificates, a time-stamping authority and an OCSP
 * responder; the running service publishes the CRL, answers OCSP (RFC 6960) and issues time-stamps (RFC 3161).
 * Sample material lives in certs-sample/ (created by {@code pki init}) and is clearly marked as such. Revocations,
 * certificates issued at run time and CRL numbers live in the database and time-stamp serials are 128 random bits, so
 * several nodes on one database answer alike.
 */
package vn.truongso.pki;
