-- The W3C trace context of what wrote the event (an HTTP request, an event being applied), published with it as
-- the CloudEvents traceparent extension (ce_traceparent) so that its consumers continue the trace. Null: written
-- outside any trace. Expand only: a nullable column, which the running version ignores (decisions/0016).
alter table outbox add column traceparent text;
