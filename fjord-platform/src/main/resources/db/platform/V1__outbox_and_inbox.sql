-- Events written in the same transaction as the state change they announce; the relay publishes
-- them in seq order with publisher confirms and deletes each row once the broker has confirmed it.
CREATE TABLE outbox_event (
    seq         BIGINT AUTO_INCREMENT PRIMARY KEY,
    event_id    CHAR(36)     NOT NULL UNIQUE,
    routing_key VARCHAR(100) NOT NULL,
    envelope    MEDIUMTEXT   NOT NULL,
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB;

-- Ids of the events a consumer has handled, written in the handler's transaction: a redelivery is skipped.
CREATE TABLE handled_event (
    event_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    routing_key VARCHAR(100) NOT NULL,
    handled_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB;
