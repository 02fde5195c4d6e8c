package org.timeledger.support;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A memo, reason, description, note or message in a request: visible text over one or more lines
 * (line feeds, carriage returns and tabs it may contain), without other invisible or
 * direction-changing characters (see {@link Text}); blank is refused unless {@link #blankMeansNone()}.
 * Null passes: say {@code @NotNull} where the field is required.
 */
@Documented
@Constraint(validatedBy = {})
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
public @interface NoteText {
    String message() default "may not contain invisible or direction-changing characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** True where blank text means "none" (a ward left empty, a memo not given) rather than a mistake. */
    boolean blankMeansNone() default false;
}
