package org.watchpost.store;

import java.util.List;

/** One numbered schema step: plain SQL statements, applied in order. */
public record Migration(int version, String description, List<String> statements) {
    public Migration {
        if (version < 1) throw new IllegalArgumentException("migration versions start at 1");
        statements = List.copyOf(statements);
    }
}
