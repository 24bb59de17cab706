package vn.truongso.common;

/**
 * Page numbers and sizes from the outside world, checked the same way by every list: a bad one is a 400 with one code,
 * and an offset past any list is caught before {@code page × size} overflows an int (JPA offsets are ints).
 */
public final class Paging {

    /** The largest page any list serves. */
    public static final int MAX_SIZE = 200;

    private Paging() {
    }

    /** Refuses (400 {@code PAGING_INVALID}) a negative page or a size outside 1..{@code maxSize}. */
    public static void check(int page, int size, int maxSize) {
        if (page < 0 || size < 1 || size > maxSize) {
            throw ApiException.badRequest("PAGING_INVALID",
                    "Tham số phân trang không hợp lệ (size từ 1 đến " + maxSize + ").");
        }
    }

    /** {@link #check} with the usual largest page, {@value #MAX_SIZE}. */
    public static void check(int page, int size) {
        check(page, size, MAX_SIZE);
    }

    /** Whether the page's first row lies beyond {@code Integer.MAX_VALUE}: such a page is empty for any list. */
    public static boolean beyondAnyList(int page, int size) {
        return (long) page * size > Integer.MAX_VALUE;
    }

    /** Refuses (400 {@code PAGE_TOO_FAR}) a page whose first row lies beyond {@code Integer.MAX_VALUE}. */
    public static void requireReachable(int page, int size) {
        if (beyondAnyList(page, size)) {
            throw ApiException.badRequest("PAGE_TOO_FAR", "Số trang quá lớn: không có trang " + page + ".");
        }
    }
}
