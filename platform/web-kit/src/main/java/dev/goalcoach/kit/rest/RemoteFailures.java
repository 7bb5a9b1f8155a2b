package dev.goalcoach.kit.rest;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Another service's error answers, for a REST client ({@code @RegisterProvider(RemoteFailures.class)}): 5xx and 429
 * are {@link Unavailable} (worth a retry, then the fallback), other 4xx are {@link Refused} (its answer stands; a
 * 404 is an answer, not a failure that trips the breaker).
 */
public final class RemoteFailures implements ResponseExceptionMapper<RuntimeException> {

    public static final class Unavailable extends RuntimeException {
        public Unavailable(int status) {
            super("answered " + status, null, false, false);
        }
    }

    public static final class Refused extends RuntimeException {
        private final int status;

        public Refused(int status) {
            super("answered " + status, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    @Override
    public RuntimeException toThrowable(Response response) {
        int status = response.getStatus();
        return status >= 500 || status == 429 ? new Unavailable(status) : new Refused(status);
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
