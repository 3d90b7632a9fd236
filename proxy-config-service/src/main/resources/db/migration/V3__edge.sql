-- The rest of an app's edge: maintenance and body size on its route, its own domains, the certificates
-- served for them (the files are in the nginx tree; this records which, and until when), and the apps
-- that exist (a projection of app.created / app.destroyed).
ALTER TABLE route
    ADD COLUMN maintenance   BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN max_body_size VARCHAR(16) NULL;

CREATE TABLE app (
    name       VARCHAR(30)  NOT NULL PRIMARY KEY,
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB;

-- Apps routed before this table existed exist.
INSERT INTO app (name) SELECT app FROM route;

CREATE TABLE domain (
    name VARCHAR(253) CHARACTER SET ascii NOT NULL PRIMARY KEY,
    app  VARCHAR(30)  NOT NULL,
    INDEX domain_app (app)
) ENGINE = InnoDB;

-- not_after is a DATETIME: certificates may outlive TIMESTAMP's 2038.
CREATE TABLE certificate (
    domain      VARCHAR(253) CHARACTER SET ascii NOT NULL PRIMARY KEY,
    app         VARCHAR(30)  NOT NULL,
    source      VARCHAR(16)  NOT NULL,
    not_after   DATETIME(3)  NOT NULL,
    fingerprint CHAR(64)     NOT NULL,
    issuer      VARCHAR(255) NOT NULL,
    updated_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    INDEX certificate_app (app)
) ENGINE = InnoDB;
