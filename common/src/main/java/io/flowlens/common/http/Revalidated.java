package io.flowlens.common.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * A read whose answer changes whenever the data behind it does (ingestion, a new submission):
 * {@link EntityTags} gives it an {@code ETag}, answers {@code If-None-Match} with 304 and says
 * {@code Cache-Control: private, no-cache}, so a client may keep it but asks each time whether it
 * is still current, and gets the body again only when it changed.
 */
@NameBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Revalidated {
}
