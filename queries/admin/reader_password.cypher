// Keep the read-only user's password in step with the settings (it is derived from NEO4J_PASSWORD).
ALTER USER $name SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED
