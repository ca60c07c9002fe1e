package nl.gezinscoaching.platform.crypto;

import java.util.function.Supplier;

/** Whose personal data is being written on this thread: the family whose key encrypts it. */
public final class PersonalDataSubject {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private PersonalDataSubject() {
    }

    public static <T> T writingFor(String subject, Supplier<T> work) {
        String previous = CURRENT.get();
        CURRENT.set(subject);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    static String current() {
        String subject = CURRENT.get();
        if (subject == null) {
            throw new IllegalStateException("Personal data written outside a family's event: refused, it would be stored in plaintext");
        }
        return subject;
    }
}
