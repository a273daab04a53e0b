package io.checkpointkit.postgres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A validated schema and table name, and the quoted names derived from it. The only text of a
 * user that ever reaches SQL text, which is why it admits nothing but plain identifiers; the
 * names are quoted anyway, so their case is kept as given.
 */
final class TableName {

    /** Leaves room for the longest suffix of a derived name within PostgreSQL's 63 bytes. */
    static final int MAX_TABLE_LENGTH = 40;
    static final int MAX_SCHEMA_LENGTH = 63;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String schema;
    private final String table;

    private TableName(String schema, String table) {
        this.schema = schema;
        this.table = table;
    }

    /**
     * @throws NullPointerException if a name is null
     * @throws IllegalArgumentException if a name is not a plain identifier of legal length
     */
    static TableName of(String schema, String table) {
        return new TableName(requireIdentifier(schema, "schema", MAX_SCHEMA_LENGTH),
                requireIdentifier(table, "table", MAX_TABLE_LENGTH));
    }

    static String requireIdentifier(String name, String what, int maxLength) {
        Objects.requireNonNull(name, () -> what + " must not be null");
        if (!IDENTIFIER.matcher(name).matches() || name.length() > maxLength) {
            throw new IllegalArgumentException(what + " must be a plain identifier: a letter or '_' followed by"
                    + " letters, digits or '_', at most " + maxLength + " characters; was '" + name + "'");
        }
        if (what.equals("schema") && name.toLowerCase(Locale.ROOT).startsWith("pg_")) {
            throw new IllegalArgumentException("schema must not start with 'pg_', which PostgreSQL reserves;"
                    + " was '" + name + "'");
        }
        return name;
    }

    String schema() {
        return schema;
    }

    String table() {
        return table;
    }

    /** {@code "schema"."table"}, for SQL text. */
    String qualified() {
        return quote(schema) + '.' + quote(table);
    }

    /** {@code "schema"."table<suffix>"}: a related table in the same schema. */
    String qualified(String suffix) {
        return quote(schema) + '.' + quote(table + suffix);
    }

    /** {@code "table<suffix>"}: an index name, which takes no schema. */
    String quotedName(String suffix) {
        return quote(table + suffix);
    }

    String quotedSchema() {
        return quote(schema);
    }

    /**
     * The key of the advisory lock that serialises migrations of this table: 64 bits of a
     * SHA-256 of the names, so stores of different tables never wait for each other.
     */
    long advisoryLockKey() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(("checkpointkit-postgres:" + schema + '.' + table).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (h[i] & 0xFF);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    // The identifier is validated above, so it holds no '"' to double.
    private static String quote(String identifier) {
        return '"' + identifier + '"';
    }

    @Override
    public String toString() {
        return qualified();
    }
}
