package org.watchpost.store;

import java.util.List;

/**
 * One page of a longer, ordered list.
 *
 * @param items   the rows of this page, in order
 * @param hasMore whether rows follow this page
 */
public record Page<T>(List<T> items, boolean hasMore) {
    public Page {
        items = List.copyOf(items);
    }

    public T last() {
        return items.isEmpty() ? null : items.get(items.size() - 1);
    }
}
