package vn.truongso.remotesign;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code truongso.remotesign.*}: remote signing (docs: remote signing and CSC).
 *
 * @param masterKey      AES-256 key (base64, 32 bytes) sealing signers' keys and TOTP secrets; from the environment
 * @param masterKeyFile  where the embedded default keeps a generated key when none is configured (owner-only)
 * @param transactionTtl how long a sign transaction waits for the signer's code
 * @param keyStore       where new signing keys are made: SOFTWARE (sealed here) or PKCS11 (inside a token)
 * @param pkcs11         the PKCS#11 token (HSM, SoftHSM2)
 * @param csc            the CSC API v2 on {@code /csc/v2}
 */
@ConfigurationProperties(prefix = "truongso.remotesign")
record RemoteSignProperties(String masterKey, String masterKeyFile, @DefaultValue("5m") Duration transactionTtl,
                            @DefaultValue("SOFTWARE") KeyStorage keyStore, @DefaultValue Pkcs11 pkcs11,
                            @DefaultValue Csc csc) {

    /**
     * A binder keeps a placeholder it cannot resolve as text ({@code master-key: ${TRUONGSO_MASTER_KEY}} in
     * production with the variable unset): that is no key, and {@link MasterKey} says which variable to set.
     */
    RemoteSignProperties {
        if (masterKey != null && masterKey.startsWith("${")) {
            masterKey = null;
        }
    }

    /**
     * @param library       the token's PKCS#11 library; required for PKCS11
     * @param slot          the token's slot id, or else
     * @param slotListIndex its index in the list of slots with a token
     * @param pin           the token's user PIN, from the environment only; never printed
     */
    record Pkcs11(String library, Long slot, @DefaultValue("0") int slotListIndex, String pin) {
        @Override
        public String toString() {
            return "Pkcs11[library=" + library + ", slot=" + slot + ", slotListIndex=" + slotListIndex + ", pin=***]";
        }
    }

    /** @param tokenTtl an access token from auth/login lasts this long, @param sadTtl a SAD from credentials/authorize */
    record Csc(@DefaultValue("1h") Duration tokenTtl, @DefaultValue("5m") Duration sadTtl) {
    }

    @Override
    public String toString() {
        return "RemoteSignProperties[masterKey=***, masterKeyFile=" + masterKeyFile + ", transactionTtl="
                + transactionTtl + ", keyStore=" + keyStore + ", pkcs11=" + pkcs11 + ", csc=" + csc + "]";
    }
}
