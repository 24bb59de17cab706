/**
 * Remote signing in the style of Smart CA: each signer's key pair is made and kept by the server (encrypted at rest
 * under a master key from configuration, or inside a PKCS#11 token that it never leaves), and every signing — one
 * document or a batch — waits in a sign transaction until its owner confirms it with a one-time code (TOTP, RFC 6238)
 * from an authenticator app. The rest of TruongSo sees it only through {@link vn.truongso.signing.SignatureConfirmations}
 * (implemented here) and the {@link vn.truongso.signing.SignatureConfirmationDecided} events published here, and the
 * audit trail and the metrics through {@link vn.truongso.remotesign.SignTransactionDecided}; standard clients use the
 * CSC API v2 on /csc/v2.
 */
package vn.truongso.remotesign;
