// Public surface of @parallax/db. Named exports only.
