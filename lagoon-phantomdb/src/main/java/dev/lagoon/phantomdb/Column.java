package dev.lagoon.phantomdb;

/**
 * One column of a table to create: a name and a PhantomDB type.
 *
 * <p>The types the PhantomDB clients use are {@code int}, {@code integer}, {@code string},
 * {@code text}, {@code float}, {@code double}, {@code boolean}, {@code bool} and
 * {@code timestamp}; the server decides which it accepts.
 *
 * @param name the column's name
 * @param type the column's PhantomDB type
 */
public record Column(String name, String type) {

    /**
     * @throws IllegalArgumentException if the name or the type is null or blank
     */
    public Column {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("column name must not be null or blank");
        }
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("type of column '" + name + "' must not be null or blank");
        }
    }

    /**
     * @param name the column's name
     * @param type the column's PhantomDB type, such as {@code "int"} or {@code "string"}
     * @return the column
     * @throws IllegalArgumentException if the name or the type is null or blank
     */
    public static Column of(String name, String type) {
        return new Column(name, type);
    }
}
