package vn.truongso.remotesign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PKCS11 mode does not start with a token it cannot use, and says why without ever showing the PIN. What is
 * constructed here is what Spring constructs at start-up.
 */
class SoftHsmStartupTest {

    static SoftHsm.Tokens tokens;

    @BeforeAll
    static void tokens() {
        tokens = SoftHsm.tokens();
    }

    private static String everything(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    @Test
    void aWrongPinFailsAndTheMessageHoldsNoPin() {
        String wrong = "Wrong.Pin-" + System.nanoTime();
        // The spare token: nothing in this JVM logs in to it, so the login really happens (and fails) here.
        assertThatThrownBy(() -> new CredentialKeyStore(KeyStorage.PKCS11, tokens.library(), tokens.spare().slot(), 0,
                wrong))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrong PIN")
                .hasMessageContaining("slot " + tokens.spare().slot())
                .satisfies(e -> assertThat(everything(e)).doesNotContain(wrong).doesNotContain(SoftHsm.SPARE_PIN)
                        .doesNotContain(SoftHsm.USER_PIN));
    }

    @Test
    void aMissingLibraryFailsAndSaysWhich() {
        assertThatThrownBy(() -> new CredentialKeyStore(KeyStorage.PKCS11, "/nonexistent/libhsm.so", null, 0,
                SoftHsm.USER_PIN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PKCS#11 library /nonexistent/libhsm.so not found")
                .satisfies(e -> assertThat(everything(e)).doesNotContain(SoftHsm.USER_PIN));
    }

    @Test
    void noLibraryNoPinOrNoSuchSlotFailWithTheSettingToFix() {
        assertThatThrownBy(() -> new CredentialKeyStore(KeyStorage.PKCS11, "", null, 0, SoftHsm.USER_PIN))
                .hasMessageContaining("truongso.remotesign.pkcs11.library");
        assertThatThrownBy(() -> new CredentialKeyStore(KeyStorage.PKCS11, tokens.library(), tokens.main().slot(), 0,
                ""))
                .hasMessageContaining("TRUONGSO_PKCS11_PIN");
        assertThatThrownBy(() -> new CredentialKeyStore(KeyStorage.PKCS11, tokens.library(), 424242L, 0,
                SoftHsm.USER_PIN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("slot 424242")
                .satisfies(e -> assertThat(everything(e)).doesNotContain(SoftHsm.USER_PIN));
    }

    @Test
    void theSoftwareDefaultNeedsNoToken() {
        CredentialKeyStore software = new CredentialKeyStore(KeyStorage.SOFTWARE, "", null, 0, "");
        assertThat(software.forNewKeys()).isEqualTo(KeyStorage.SOFTWARE);
        assertThatThrownBy(software::token).hasMessageContaining("no token is configured");
    }

    @Test
    void theProviderConfigurationNamesSlotOrIndexAndKeepsGeneratedKeysInside() {
        assertThat(Pkcs11Token.config("/lib/x.so", 7L, 3)).contains("library=/lib/x.so\n", "slot=7\n")
                .doesNotContain("slotListIndex").contains("CKA_EXTRACTABLE = false", "CKA_SENSITIVE = true");
        assertThat(Pkcs11Token.config("/lib/x.so", null, 3)).contains("slotListIndex=3\n").doesNotContain("slot=");
    }
}
