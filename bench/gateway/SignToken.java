import java.time.Duration;

import io.flowlens.common.identity.Caller;
import io.flowlens.common.identity.IdentityToken;

/**
 * Prints an identity token, as the gateway would forward it, valid long enough for a benchmark
 * run: what a direct call to a service (around the gateway) must carry to be served at all.
 * Usage: java -cp "gateway/target/quarkus-app/lib/main/*" bench/gateway/SignToken.java SECRET TENANT ROLE SECONDS
 */
public class SignToken {
    public static void main(String[] args) {
        System.out.print(new IdentityToken(args[0]).sign(new Caller(args[1], args[2], "bench", null),
                Duration.ofSeconds(Long.parseLong(args[3]))));
    }
}
