package vn.truongso.remotesign;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where new signing keys go ({@code truongso.remotesign.key-store}: SOFTWARE, the default, or PKCS11) and, when a
 * token is configured, the token. In PKCS11 mode the token is opened and logged in at start-up, so a missing library,
 * a wrong slot or a wrong PIN stops the application at once with a message that says which (never the PIN itself).
 * The token is also opened in SOFTWARE mode when {@code truongso.remotesign.pkcs11.library} is set, so credentials
 * issued into it earlier keep signing after switching back.
 */
@Component
class CredentialKeyStore {

    private static final Logger log = LoggerFactory.getLogger(CredentialKeyStore.class);

    private final KeyStorage forNewKeys;
    private final Pkcs11Token token;

    @Autowired
    CredentialKeyStore(RemoteSignProperties properties) {
        this(properties.keyStore(), properties.pkcs11().library(), properties.pkcs11().slot(),
                properties.pkcs11().slotListIndex(), properties.pkcs11().pin());
    }

    CredentialKeyStore(KeyStorage forNewKeys, String library, Long slot, int slotListIndex, String pin) {
        this.forNewKeys = forNewKeys;
        if (forNewKeys == KeyStorage.PKCS11 || (library != null && !library.isBlank())) {
            char[] pinChars = Pkcs11Token.chars(pin);
            try {
                this.token = Pkcs11Token.open(library, slot, slotListIndex, pinChars);
            } finally {
                Pkcs11Token.wipe(pinChars);
            }
            log.info("Remote signing: PKCS#11 token ready ({}); new keys go to {}", token, forNewKeys);
        } else {
            this.token = null;
        }
    }

    /** Where {@link Credentials#issue} puts a new key. */
    KeyStorage forNewKeys() {
        return forNewKeys;
    }

    /** @throws IllegalStateException when no token is configured (a PKCS11 credential on a SOFTWARE-only server) */
    Pkcs11Token token() {
        if (token == null) {
            throw new IllegalStateException("This credential's key is in a PKCS#11 token, but no token is configured: "
                    + "set truongso.remotesign.pkcs11.library, .slot or .slot-list-index and .pin");
        }
        return token;
    }

    @Override
    public String toString() {
        return "CredentialKeyStore[new keys: " + forNewKeys + (token == null ? "" : ", " + token) + "]";
    }
}
