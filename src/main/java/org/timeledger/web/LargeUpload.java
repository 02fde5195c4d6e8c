package org.timeledger.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route that takes a file, not a JSON request: its body may be as large as
 * {@code timeledger.register-max-size} (8 MB by default) where every other route's is held to
 * {@code timeledger.max-request-size} (1 MB). See {@link RequestBodies}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LargeUpload {
}
