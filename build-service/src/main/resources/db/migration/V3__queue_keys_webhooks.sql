-- When a builder picked the build up; null while it waits in the queue.
ALTER TABLE build ADD COLUMN started_at TIMESTAMP(3) NULL AFTER created_at;

-- The public keys that may push over SSH; build-service writes the git user's authorized_keys from them.
CREATE TABLE ssh_key (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(100) NULL,
    key_type    VARCHAR(32)  NOT NULL,
    -- "<type> <base64>", without the comment: the form written to authorized_keys.
    public_key  TEXT         NOT NULL,
    fingerprint VARCHAR(64)  NOT NULL,
    bits        INT          NOT NULL,
    comment     VARCHAR(255) NULL,
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT ssh_key_once UNIQUE (fingerprint)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- An app's webhook settings. secret, deploy_key and token are encrypted (AES-GCM, FJORD_SECRET_KEY).
CREATE TABLE app_webhook (
    app            VARCHAR(30)   NOT NULL PRIMARY KEY,
    branch         VARCHAR(255)  NOT NULL,
    secret         TEXT          NOT NULL,
    repository_url VARCHAR(2048) NULL,
    deploy_key     MEDIUMTEXT    NULL,
    token          TEXT          NULL,
    updated_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Webhook deliveries with a valid signature, so a redelivered one is not built twice.
CREATE TABLE webhook_delivery (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    provider    VARCHAR(16)  NOT NULL,
    delivery_id VARCHAR(128) NOT NULL,
    app         VARCHAR(30)  NOT NULL,
    build_id    BIGINT       NULL,
    received_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT webhook_delivery_once UNIQUE (provider, delivery_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
