// Public surface of @parallax/crawler. Named exports only.
