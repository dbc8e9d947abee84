package dev.lagoon.server;

import dev.lagoon.server.TestServer.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.lagoon.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests run on virtual threads when the JDK has them (21 and later), and on Jetty's
 * platform thread pool otherwise; the code is compiled for Java 17 and decides at run time.
 */
class VirtualThreadsTest {

    /** Called by H2 on the thread that runs the statement, which is the request's thread. */
    public static final class ThreadProbe {
        private ThreadProbe() {
        }

        /** @return the current thread's description; a virtual thread's starts with VirtualThread */
        public static String describe() {
            return Thread.currentThread().toString();
        }
    }

    @Test
    void requestsRunOnVirtualThreadsExactlyWhenTheJdkHasThem() {
        boolean jdkHasThem = Runtime.version().feature() >= 21;
        try (TestServer api = TestServer.start()) {
            assertThat(api.server.usesVirtualThreads()).isEqualTo(jdkHasThem);
            assertThat(api.get("/stats").json().get("virtual_threads").asBoolean()).isEqualTo(jdkHasThem);

            api.createDatabase("vt");
            api.post("/databases/vt/query", json(Map.of("query",
                    "CREATE ALIAS THREAD_OF_REQUEST FOR \"" + ThreadProbe.class.getName() + ".describe\"")));
            Response r = api.post("/databases/vt/query", json(Map.of("query", "SELECT THREAD_OF_REQUEST() AS t")));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            String thread = r.json().get("records").get(0).get("T").asText();
            if (jdkHasThem) {
                assertThat(thread).startsWith("VirtualThread");
            } else {
                assertThat(thread).doesNotStartWith("VirtualThread").contains("lagoon-http");
            }
        }
    }
}
