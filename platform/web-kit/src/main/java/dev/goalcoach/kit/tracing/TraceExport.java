package dev.goalcoach.kit.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Where spans go: nowhere unless a collector is named by the standard {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}); then Quarkus's OTLP exporter sends them there. Traces are still made
 * and propagated without one — the trace id travels with every request, outbox row and event, and shows in the
 * logs — so naming a collector changes nothing but where the spans end up. A {@link SpanExporter} bean stands in
 * for Quarkus's OTLP one, which would otherwise try {@code localhost:4317} on every machine without a collector.
 * ({@code OTEL_TRACES_EXPORTER} is not the switch: Quarkus fixes its exporter at build time, and the SDK would read
 * {@code otlp} as its own exporter, which is not on the class path.)
 */
@Singleton
public class TraceExport {

    @Produces
    @Singleton
    @LookupIfProperty(name = "goalcoach.tracing.endpoint", stringValue = "none")
    SpanExporter none() {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }
}
