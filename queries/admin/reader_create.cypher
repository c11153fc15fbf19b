// The dedicated user /v1/cypher connects as (run on the system database by the admin; idempotent).
CREATE USER $name IF NOT EXISTS SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED
