// Public surface of @parallax/pipeline. Named exports only.
