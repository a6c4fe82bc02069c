package io.flowlens.gateway.auth;

/** Credentials missing, unknown, revoked or expired: always a 401, with the reason as detail. */
public class AuthenticationFailure extends RuntimeException {

    public AuthenticationFailure(String detail) {
        super(detail, null, false, false);
    }
}
