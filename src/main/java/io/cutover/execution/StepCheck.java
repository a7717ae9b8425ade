package io.cutover.execution;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.modulith.NamedInterface;

/**
 * A built-in check a runbook step can name ({@code kind: check, check: <name>}). Modules
 * that verify or copy data implement it; execution runs it like any step, with a log, a
 * timeout and cancel. The name runbooks use is data on the class,
 * {@code @StepCheck.Named("restore")}, beside its {@code @Component}.
 */
@NamedInterface("spi")
public interface StepCheck {

    /** The name runbooks use, from the check's {@link Named}. */
    default String name() {
        Named named = getClass().getAnnotation(Named.class);
        if (named == null) {
            throw new IllegalStateException(getClass().getName() + " is a StepCheck without @StepCheck.Named");
        }
        return named.value();
    }

    CheckOutcome run(CheckContext context) throws Exception;

    /** The name a runbook's step gives to run this check. */
    @NamedInterface("spi")
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Named {

        String value();

    }

}
