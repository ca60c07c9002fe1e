package nl.gezinscoaching.command.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import nl.gezinscoaching.platform.access.Action;

/**
 * Declares what an endpoint on one trajectory does; {@link TrajectoryAccess} checks it before the request
 * body is even read. An endpoint with a {@code {trajectoryId}} and without this annotation is refused.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface TrajectoryAction {

    Action value();
}
