package io.flowlens.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** An identity token shaped exactly like the gateway's but signed with a secret the services do not trust. */
final class ForgedIdentity {

    String token() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"flowlens\",\"aud\":\"flowlens-services\",\"sub\":\"attacker\",\"role\":\"admin\","
                + "\"tid\":\"any\",\"iat\":" + now + ",\"exp\":" + (now + 60) + "}";
        String payload = b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("not-the-secret-the-services-trust-0123456789".getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            byte[] signature = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8));
            return header + "." + payload + "." + b64.encodeToString(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
