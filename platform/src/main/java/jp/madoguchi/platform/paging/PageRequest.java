package jp.madoguchi.platform.paging;

/** A checked page request: page {@code page} (0-based) of {@code size} items. */
public record PageRequest(int page, int size) {

    public int offset() {
        return page * size;
    }
}
