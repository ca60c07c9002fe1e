package nl.gezinscoaching.query.support;

/**
 * Which page of a list view to answer: {@code page} counts from 0, {@code size} items per page from 1 to
 * {@link #MAX_SIZE} ({@link #DEFAULT_SIZE} when left out). Controllers take both as request parameters
 * with {@code @PositiveOrZero} and {@code @Min(1) @Max(MAX_SIZE)}, so a bad value is a 400 naming it.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 1000;

    public PageRequest {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page must be 0 or more and size 1 to " + MAX_SIZE);
        }
    }

    public long offset() {
        return (long) page * size;
    }
}
