-- A person who uses the platform: the admin made at install (no password, a token only) and the users
-- the admin adds. scope is one of admin, sessions, app:<app>:deployer, app:<app>:read.
-- password_hash is PBKDF2 (pbkdf2-sha256$<iterations>$<salt>$<hash>), NULL when the user has no password.
CREATE TABLE platform_user (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    name          VARCHAR(64)  NOT NULL UNIQUE,
    password_hash VARCHAR(200) NULL,
    scope         VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    created_by    VARCHAR(100) NULL
) ENGINE = InnoDB;

-- An API token. Only the SHA-256 of the token is kept: the token itself is shown once, at creation.
-- A revoked token keeps its row (the audit names it); active_name makes names unique among the tokens
-- that are not revoked, so a name can be used again once its token is revoked.
-- expires_at is a DATETIME in UTC: a TIMESTAMP ends in 2038.
CREATE TABLE api_token (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(64)  NOT NULL,
    token_hash  CHAR(64)     NOT NULL UNIQUE,
    scope       VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    created_by  VARCHAR(100) NULL,
    expires_at  DATETIME(3)  NULL,
    revoked_at  TIMESTAMP(3) NULL,
    revoked_by  VARCHAR(100) NULL,
    active_name VARCHAR(64) AS (IF(revoked_at IS NULL, name, NULL)) PERSISTENT,
    CONSTRAINT uq_token_active_name UNIQUE (active_name)
) ENGINE = InnoDB;

-- The apps that have a Redis ACL user, from app.created / app.destroyed. salt is not a secret: the
-- user's password is HMAC(FJORD_REDIS_APP_SECRET, app:salt), so nothing here opens Redis by itself, and
-- an app created again under the same name gets a new password.
CREATE TABLE app_redis_user (
    app        VARCHAR(30)  NOT NULL PRIMARY KEY,
    salt       CHAR(32)     NOT NULL,
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB;

-- Every event of the bus, as who did what to which app, when and from where. summary names the data's
-- fields but shows values only of fields known to be harmless (app, ids, versions): never a secret.
CREATE TABLE audit (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    event_id    VARCHAR(64)   NOT NULL UNIQUE,
    type        VARCHAR(100)  NOT NULL,
    app         VARCHAR(30)   NULL,
    actor       VARCHAR(100)  NULL,
    source_ip   VARCHAR(45)   NULL,
    source      VARCHAR(100)  NULL,
    occurred_at TIMESTAMP(3)  NOT NULL,
    recorded_at TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    summary     VARCHAR(1000) NOT NULL,
    INDEX ix_audit_app (app, id)
) ENGINE = InnoDB;
