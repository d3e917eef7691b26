-- Connections to directory services are answered by the service: when the link worker sent
-- it, when the service answered (accepted or declined), and when it was reminded. A connection
-- sent and not answered is reminded after 7 days and declined after 14.
ALTER TABLE connections ADD COLUMN sent_at BIGINT;
ALTER TABLE connections ADD COLUMN responded_at BIGINT;
ALTER TABLE connections ADD COLUMN reminded_at BIGINT;
CREATE INDEX connections_by_organisation ON connections(organisation_code, state, id);
CREATE INDEX connections_by_service ON connections(service_id, sent_at);
CREATE INDEX connections_waiting ON connections(state, sent_at);
