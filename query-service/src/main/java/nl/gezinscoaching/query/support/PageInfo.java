package nl.gezinscoaching.query.support;

/**
 * Where a page lies in its list, as list views answer it beside their items.
 *
 * @param number     this page, counted from 0
 * @param size       items per page asked for (the last page may hold fewer)
 * @param totalItems items in the whole list
 * @param totalPages pages of this size in the whole list (0 for an empty list)
 */
public record PageInfo(int number, int size, long totalItems, long totalPages) {

    public static PageInfo of(PageRequest request, long totalItems) {
        return new PageInfo(request.page(), request.size(), totalItems, (totalItems + request.size() - 1) / request.size());
    }
}
