package org.timeledger.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A property of a request body that takes JSON null, and what null means there (openapi.yml
 * calls it {@code nullable: true} and says the same). Every other property refuses null with 400,
 * whether or not it may be left out, so that null is never quietly read as "left out": see
 * {@code http.NullValues}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface NullMeans {
    /** What null means, in words. */
    String value();
}
