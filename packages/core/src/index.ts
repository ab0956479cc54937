// Public surface of @parallax/core. Named exports only; add yours in your section.
