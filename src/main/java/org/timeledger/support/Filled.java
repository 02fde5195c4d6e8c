package org.timeledger.support;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text that is not blank, as {@link Text#isBlank} has it (white space, controls and invisible
 * characters do not count); for ids, codes and tokens. Null passes: say {@code @NotNull} where the
 * field is required. Used instead of {@code jakarta.validation.constraints.NotBlank}, whose blank
 * is another (it takes a no-break space as text, and U+001F as blank).
 */
@Documented
@Constraint(validatedBy = {})
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
public @interface Filled {
    String message() default "must not be blank";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
