package dev.lagoon.server;

import dev.lagoon.server.TestServer.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.lagoon.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Many clients inserting at once through a small backend pool: every row arrives exactly once. */
class ConcurrentInsertsTest {

    @Test
    void fiftyThreadsInsertingTwoHundredRowsEachGiveExactlyTenThousandRows() throws Exception {
        int threads = 50;
        int each = 200;
        try (TestServer api = TestServer.start(b -> b.minPoolSize(2).maxPoolSize(10))) {
            api.createDatabase("load");
            api.createTable("load", "events", "worker", "int", "seq", "int", "payload", "string");
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<Integer>> futures = new ArrayList<>();
                for (int w = 0; w < threads; w++) {
                    int worker = w;
                    futures.add(pool.submit(() -> {
                        go.await();
                        int ok = 0;
                        for (int i = 0; i < each; i++) {
                            Response r = api.post("/databases/load/tables/events",
                                    json(Map.of("worker", worker, "seq", String.valueOf(i), "payload", "w" + worker + "-" + i)));
                            if (r.status() == 201) {
                                ok++;
                            } else {
                                throw new AssertionError("insert " + worker + "/" + i + " answered " + r.text());
                            }
                        }
                        return ok;
                    }));
                }
                go.countDown();
                int inserted = 0;
                for (Future<Integer> f : futures) {
                    inserted += f.get(5, TimeUnit.MINUTES);
                }
                assertThat(inserted).isEqualTo(threads * each);
            } finally {
                pool.shutdownNow();
            }

            Response count = api.post("/databases/load/query", json(Map.of("query",
                    "SELECT COUNT(*) AS n, COUNT(DISTINCT \"worker\" * 1000 + \"seq\") AS d FROM \"events\"")));
            assertThat(count.json().get("records").get(0).get("N").asInt()).isEqualTo(10_000);
            assertThat(count.json().get("records").get(0).get("D").asInt()).isEqualTo(10_000);

            Response stats = api.get("/stats");
            assertThat(stats.json().path("requests").path("by_operation").path("insert").asLong()).isEqualTo(10_000);
            assertThat(stats.json().path("pool").path("used").asInt()).isZero();
            assertThat(stats.json().path("pool").path("total").asInt()).isLessThanOrEqualTo(10);
        }
    }
}
