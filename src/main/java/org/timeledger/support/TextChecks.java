package org.timeledger.support;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

/** The checks of {@link NameText}, {@link NoteText} and {@link Filled}, all by {@link Text}'s one definition. */
public final class TextChecks {
    static final String BLANK = "must not be blank";

    private TextChecks() {
    }

    @Singleton
    public static class Names implements ConstraintValidator<NameText, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, AnnotationValue<NameText> annotation, ConstraintValidatorContext context) {
            return check(value, annotation.isTrue("blankMeansNone"), Text.hiddenInName(value),
                    "may not contain line breaks, tabs, or invisible or direction-changing characters: it has ", context);
        }
    }

    @Singleton
    public static class Notes implements ConstraintValidator<NoteText, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, AnnotationValue<NoteText> annotation, ConstraintValidatorContext context) {
            return check(value, annotation.isTrue("blankMeansNone"), Text.hiddenInNote(value),
                    "may not contain invisible or direction-changing characters: it has ", context);
        }
    }

    @Singleton
    public static class Filling implements ConstraintValidator<Filled, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, AnnotationValue<Filled> annotation, ConstraintValidatorContext context) {
            return value == null || !Text.isBlank(value);
        }
    }

    private static boolean check(CharSequence value, boolean blankMeansNone, String hidden, String saying,
                                 ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        if (Text.isBlank(value)) {
            if (blankMeansNone) {
                return true;
            }
            context.messageTemplate(BLANK);
            return false;
        }
        if (hidden != null) {
            context.messageTemplate(saying + hidden);
            return false;
        }
        return true;
    }
}
