package dev.goalcoach.kit.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.LocalDate;

/**
 * A date the rest of the system can carry: years 0001 to 9999, as ISO-8601's four-digit years and the event
 * schemas' {@code format: date} take them. Java reads {@code +10000-01-01} happily; without this an API would accept
 * it and the event that carries it would be refused downstream (dead-lettered). Null is valid (use {@code @NotNull}).
 */
@Documented
@Constraint(validatedBy = CalendarDate.Validator.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface CalendarDate {

    String message() default "must be a date from 0001-01-01 to 9999-12-31";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check itself. */
    final class Validator implements ConstraintValidator<CalendarDate, LocalDate> {
        @Override
        public boolean isValid(LocalDate date, ConstraintValidatorContext context) {
            return date == null || (date.getYear() >= 1 && date.getYear() <= 9999);
        }
    }
}
