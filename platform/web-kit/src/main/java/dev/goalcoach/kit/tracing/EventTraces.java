package dev.goalcoach.kit.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context across the outbox and Kafka. An event carries the trace of what caused it (the request, or
 * the event being applied) as the CloudEvents distributed-tracing extension: {@code traceparent}, in Kafka binary
 * mode the {@value #HEADER} header. The outbox stores it with the row ({@link #current()}), the relay publishes
 * the event in a span of that trace ({@link #start}), and every consumer applies it in one ({@link #applying},
 * sync-service per record loaded). HTTP servers and REST clients are traced by Quarkus itself.
 */
public final class EventTraces {

    /** The CloudEvents {@code traceparent} attribute as a Kafka binary-mode header. */
    public static final String HEADER = "ce_traceparent";

    private static final String TRACEPARENT = "traceparent";

    private static final TextMapGetter<String> ONE_VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private static volatile Tracer tracer;

    /** The {@code traceparent} of the span current now, or null outside any trace. */
    public static String current() {
        return traceparent(Span.current().getSpanContext());
    }

    /** {@code 00-<trace id>-<span id>-<flags>}, or null for an invalid context. */
    public static String traceparent(SpanContext span) {
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex();
    }

    /** The trace an event's headers carry, or null. */
    public static String of(Headers headers) {
        Header h = headers == null ? null : headers.lastHeader(HEADER);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * Starts a span of {@code kind} named {@code name} in the trace {@code traceparent} names (a new trace when it
     * is null or malformed). The caller ends it.
     */
    public static Span start(String name, SpanKind kind, String traceparent) {
        Context parent = traceparent == null
                ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, ONE_VALUE);
        return tracer().spanBuilder(name)
                .setSpanKind(kind)
                .setParent(parent)
                .setAttribute("messaging.system", "kafka")
                .startSpan();
    }

    /**
     * {@code work} in a consumer span of the event's trace ({@code <topic> process}), current until the work ends,
     * so that the events it writes to the outbox continue the same trace.
     */
    public static <T> Uni<T> applying(String topic, Headers headers, Supplier<Uni<T>> work) {
        String traceparent = of(headers);
        return Uni.createFrom().deferred(() -> {
            Span span = start(topic + " process", SpanKind.CONSUMER, traceparent);
            span.setAttribute("messaging.destination.name", topic);
            Scope scope = span.makeCurrent();
            Uni<T> started;
            try {
                started = work.get();
            } catch (RuntimeException e) {
                scope.close();
                failed(span, e);
                span.end();
                throw e;
            }
            return started.onItemOrFailure().invoke((item, failure) -> {
                scope.close();
                if (failure != null) {
                    failed(span, failure);
                }
                span.end();
            });
        });
    }

    /** Marks {@code span} failed by {@code failure}. */
    public static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
    }

    private static Tracer tracer() {
        Tracer t = tracer;
        if (t == null) {
            var container = Arc.container();
            var bean = container == null ? null : container.instance(Tracer.class);
            t = bean != null && bean.isAvailable()
                    ? bean.get()
                    : OpenTelemetry.noop().getTracer("goalcoach");
            tracer = t;
        }
        return t;
    }

    private EventTraces() {}
}
