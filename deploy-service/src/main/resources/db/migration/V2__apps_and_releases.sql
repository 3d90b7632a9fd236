-- An app: its name is its identity on the platform (host name, labels, image tag, git repository).
-- route_generation counts the changes of the app's routes, so answers from the proxy can be matched.
CREATE TABLE app (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    name             VARCHAR(30)  NOT NULL UNIQUE,
    route_generation BIGINT       NOT NULL DEFAULT 0,
    created_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB;

-- A release: one image (with its Procfile and port) rolled out as version N of an app.
-- ("release" alone is a reserved word in MySQL.)
CREATE TABLE app_release (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    app_id      BIGINT        NOT NULL,
    version     INT           NOT NULL,
    build_id    BIGINT        NULL,
    commit_sha  VARCHAR(64)   NULL,
    image       VARCHAR(255)  NOT NULL,
    image_id    VARCHAR(100)  NULL,
    processes   TEXT          NOT NULL, -- the Procfile as a JSON object
    port        INT           NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    generation  BIGINT        NULL,
    reason      VARCHAR(1000) NULL,
    log         TEXT          NULL,
    created_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    finished_at TIMESTAMP(3)  NULL,
    CONSTRAINT uq_release_version UNIQUE (app_id, version),
    CONSTRAINT fk_release_app FOREIGN KEY (app_id) REFERENCES app (id),
    INDEX ix_release_status (status)
) ENGINE = InnoDB;
