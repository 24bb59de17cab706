/**
 * The school PKI: a root CA, an issuing CA, the signers' certificates, a time-stamping authority and an OCSP
 * responder; the running service publishes the CRL, answers OCSP (RFC 6960) and issues time-stamps (RFC 3161).
 * Sample material lives in certs-sample/ (created by {@code pki init}) and is clearly marked as such.
 */
package vn.truongso.pki;
