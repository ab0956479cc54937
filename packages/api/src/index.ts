// Public surface of @parallax/api. Named exports only.
