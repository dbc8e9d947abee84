/**
 * A Java client for the PhantomDB REST API and a pool of such clients.
 *
 * <pre>{@code
 * try (PhantomDBPool pool = PhantomDBPool.create("http://localhost:8080")) {
 *     try (PhantomDB db = pool.acquire()) {          // released when the block ends
 *         db.createDatabase("shop");
 *         db.createTable("shop", "orders", List.of(Column.of("id", "int"), Column.of("item", "string")));
 *         db.insert("shop", "orders", Map.of("id", 1, "item", "tea"));
 *         List<Map<String, Object>> rows = db.select("shop", "orders", "id = 1");
 *     }
 * }
 * }</pre>
 *
 * <p>Every failure is a {@link dev.lagoon.phantomdb.PhantomDBException} whose
 * {@link dev.lagoon.phantomdb.PhantomDBException#kind() kind} says what went wrong: the server
 * could not be reached, it answered with an HTTP error, its answer broke the contract, or the
 * pool could not lend a client.
 */
package dev.lagoon.phantomdb;
