package vn.truongso.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.S3MockServer;

/**
 * /actuator/health with the S3 store: the application reaches S3Mock through a relay this test closes (the store
 * unreachable: DOWN, 503) and opens again on the same port (UP). S3Mock itself is shared by the JVM's tests, so it is
 * never stopped here.
 */
@IntegrationTest
class S3ObjectStoreHealthTest {

    static Relay relay;

    @DynamicPropertySource
    static void objectStore(DynamicPropertyRegistry registry) {
        registry.add("truongso.storage.type", () -> "s3");
        registry.add("truongso.storage.s3.endpoint", () -> relay().endpoint().toString());
        registry.add("truongso.storage.s3.bucket", () -> S3MockServer.BUCKET);
        registry.add("truongso.storage.s3.access-key", () -> "test-access");
        registry.add("truongso.storage.s3.secret-key", () -> "test-secret");
        registry.add("truongso.storage.s3.path-style", () -> "true");
        // A database of its own: this context lives beside the shared one in the same JVM.
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:mem:truongso-s3-health;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
    }

    static synchronized Relay relay() {
        if (relay == null) {
            relay = new Relay(S3MockServer.shared().endpoint());
            relay.open();
        }
        return relay;
    }

    @AfterAll
    static void closeRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    @LocalServerPort
    int port;

    @Test
    void healthIsDownWhileTheObjectStoreIsUnreachableAndUpWhenItAnswersAgain() {
        Api api = new Api(port);
        Api.Response up = api.get(null, "/actuator/health");
        assertThat(up.status()).as(up.text()).isEqualTo(200);

        relay().close();
        try {
            Api.Response down = api.get(null, "/actuator/health");
            assertThat(down.status()).as(api.get("admin", "/actuator/health").text()).isEqualTo(503);
            assertThat(down.json().get("status").asText()).isEqualTo("DOWN");
            var component = api.get("admin", "/actuator/health").json().get("components").get("objectStore");
            assertThat(component.get("status").asText()).isEqualTo("DOWN");
            assertThat(component.get("details").get("type").asText()).isEqualTo("s3");
            assertThat(component.get("details").get("reason").asText()).contains("cannot reach the object store");
        } finally {
            relay().open();
        }

        Api.Response back = api.get(null, "/actuator/health");
        assertThat(back.status()).as(back.text()).isEqualTo(200);
        assertThat(back.json().get("status").asText()).isEqualTo("UP");
    }

    /** A TCP relay on a fixed local port to the S3 server; closed, the port refuses connections. */
    static final class Relay {

        private final URI target;
        private final int port;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private ServerSocket server;

        Relay(URI target) {
            this.target = target;
            try (ServerSocket free = new ServerSocket(0)) {
                this.port = free.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + port);
        }

        synchronized void open() {
            try {
                server = new ServerSocket();
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ServerSocket listening = server;
            Thread accept = new Thread(() -> {
                while (!listening.isClosed()) {
                    try {
                        relay(listening.accept(), listening);
                    } catch (IOException closed) {
                        // the relay was closed
                    }
                }
            }, "s3-relay-accept");
            accept.setDaemon(true);
            accept.start();
        }

        /** Under the relay's lock, so a connection accepted while it closes is closed too, never left relaying. */
        private synchronized void relay(Socket client, ServerSocket listening) throws IOException {
            if (listening.isClosed()) {
                client.close();
                return;
            }
            sockets.add(client);
            Socket upstream = new Socket(target.getHost(), target.getPort());
            sockets.add(upstream);
            pump(client, upstream);
            pump(upstream, client);
        }

        /** Closes the port and every connection through it, so kept-alive ones fail as well. */
        synchronized void close() {
            try {
                if (server != null) {
                    server.close();
                }
                for (Socket s : sockets) {
                    s.close();
                }
                sockets.clear();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException closed) {
                    // one side closed
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }, "s3-relay");
            t.setDaemon(true);
            t.start();
        }
    }
}
