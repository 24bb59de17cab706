package vn.truongso.signing;

import java.util.UUID;

/**
 * A confirmed signature was put into its document, which got a new version. Published inside the transaction of the
 * job that applies it.
 *
 * @param digestBefore SHA-256 (hex) of the version that was signed
 * @param digestAfter  SHA-256 (hex) of the signed version
 */
public record SignatureApplied(UUID documentId, int baseVersion, int newVersion, String digestBefore,
                               String digestAfter, String signer, String signerOrganisation, String signerRole,
                               UUID transactionId, String processInstanceId) {
}
