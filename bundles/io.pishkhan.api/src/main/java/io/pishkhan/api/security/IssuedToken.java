package io.pishkhan.api.security;

import java.util.Objects;

/** A token just created, with its secret: the only time the secret is known to the appliance. */
public record IssuedToken(ApiToken token, String secret) {
    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "IssuedToken[" + token + ", secret=***]";
    }
}
