package dev.goalcoach.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports for a whole local suite in a test: a shift under which the gateway's and every service's port are free. */
final class LocalPorts {

    static int freeOffset() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = 20000 + ThreadLocalRandom.current().nextInt(0, 400) * 10;
            if (free(8080 + offset)
                    && free(8081 + offset)
                    && free(8082 + offset)
                    && free(8083 + offset)
                    && free(8084 + offset)
                    && free(8085 + offset)
                    && free(8086 + offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port range");
    }

    static int freePort() {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean free(int port) {
        try (var s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private LocalPorts() {}
}
