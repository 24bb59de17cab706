package vn.truongso.common;

/** Page numbers from the outside world: an offset past any list is refused before it overflows an int. */
public final class Paging {

    private Paging() {
    }

    /** Refuses (400) a page whose first row lies beyond {@code Integer.MAX_VALUE}: {@code page × size} would overflow. */
    public static void requireReachable(int page, int size) {
        if ((long) page * size > Integer.MAX_VALUE) {
            throw ApiException.badRequest("PAGE_TOO_FAR", "Số trang quá lớn: không có trang " + page + ".");
        }
    }
}
