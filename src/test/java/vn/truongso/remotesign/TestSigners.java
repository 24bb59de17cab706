package vn.truongso.remotesign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.truongso.support.Api;
import vn.truongso.support.TestUsers;

/**
 * Signers made for one test (teachers of THCSAP, password "demo"), so that tests which lock, suspend or revoke never
 * touch the demo signers other tests rely on.
 */
final class TestSigners {

    private final TestUsers users;

    TestSigners(JdbcTemplate jdbc, PasswordEncoder encoder) {
        this.users = new TestUsers(jdbc, encoder);
    }

    /** A signer with a credential issued over the API and TOTP enrolled; {@link #code} gives their codes. */
    record Signer(String username, String fullName, String credentialId, String secret, String otpauthUri) {
        String code(long offsetSteps) {
            return TestOtp.code(secret, offsetSteps);
        }

        /** Six digits that are none of the codes accepted now. */
        String wrongCode() {
            for (int n = 0; ; n++) {
                String c = String.format("%06d", n);
                if (!c.equals(code(-1)) && !c.equals(code(0)) && !c.equals(code(1))) {
                    return c;
                }
            }
        }
    }

    /** The signature values of a transaction as its owner reads them over HTTP, one per item, in order. */
    static java.util.List<byte[]> signatureValues(com.fasterxml.jackson.databind.JsonNode transaction) {
        java.util.List<byte[]> values = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode item : transaction.get("items")) {
            values.add(java.util.Base64.getDecoder().decode(item.get("signatureValue").asText()));
        }
        return values;
    }

    /** A teacher with no credential yet; answers the username. */
    String teacher(String prefix, String fullName) {
        return users.person(prefix + "." + UUID.randomUUID().toString().substring(0, 8), fullName).title("Giáo viên")
                .organisation("THCSAP").roles("TEACHER").password("demo").insert();
    }

    /** A teacher, a credential issued by the administrator, a TOTP secret enrolled by the teacher. */
    Signer signer(Api api, String prefix, String fullName) {
        String username = teacher(prefix, fullName);
        Api.Response issued = api.postJson("admin", "/api/admin/credentials", Map.of("username", username));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        Api.Response enrolled = api.postJson(username, "/api/credentials/me/totp", Map.of());
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(200);
        return new Signer(username, fullName, issued.json().get("id").asText(), enrolled.json().get("secret").asText(),
                enrolled.json().get("otpauthUri").asText());
    }
}
