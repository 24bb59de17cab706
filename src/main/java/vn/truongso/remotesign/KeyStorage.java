package vn.truongso.remotesign;

/**
 * Where a credential's private key lives. Each credential row says where its own key is, so credentials of both kinds
 * keep signing whatever {@code truongso.remotesign.key-store} says about new ones.
 */
enum KeyStorage {
    /** In the database, AES-256-GCM encrypted under the master key ({@link MasterKey}). */
    SOFTWARE,
    /** In a PKCS#11 token (an HSM, or SoftHSM2), non-extractable, under the alias = the credential id. */
    PKCS11
}
