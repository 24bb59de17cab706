package vn.truongso.school;

/** A wrong password (or unknown user name) from an address; {@code username} as typed, trimmed and lower-cased. */
public record LoginFailed(String username, String address) {
}
