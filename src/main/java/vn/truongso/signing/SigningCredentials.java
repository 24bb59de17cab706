package vn.truongso.signing;

import java.util.Optional;

/** Whose key signs for whom: today the sample PKI's PKCS#12 keys; remote signing plugs in here. */
public interface SigningCredentials {
    Optional<SignatureValueProvider> of(String username);
}
