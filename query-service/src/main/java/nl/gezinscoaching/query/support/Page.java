package nl.gezinscoaching.query.support;

import java.util.List;
import java.util.function.Function;

/** The items of one page of a list, in the list's order, and where the page lies in it. */
public record Page<T>(List<T> items, PageInfo info) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), info);
    }
}
