package io.arbiter.ndjson;

import java.util.ArrayList;
import java.util.List;

/** The rejected lines of one import: all counted, the first {@link #MAX_ITEMISED} itemised. */
public final class Rejections {

    public static final int MAX_ITEMISED = 1000;

    private final List<Rejection> itemised = new ArrayList<>();
    private long count;

    public void add(Rejection rejection) {
        count++;
        if (itemised.size() < MAX_ITEMISED) {
            itemised.add(rejection);
        }
    }

    public long count() {
        return count;
    }

    public List<Rejection> itemised() {
        return List.copyOf(itemised);
    }
}
