package nl.gezinscoaching.events;

import java.time.LocalDate;

/**
 * An event in the life of one family trajectory. Every such event carries its business date: the day it
 * happened, which may lie before the day it was recorded (the event's timestamp).
 */
public interface TrajectoryEvent {

    String trajectoryId();

    /** The business date: the day this happened. */
    LocalDate occurredOn();
}
