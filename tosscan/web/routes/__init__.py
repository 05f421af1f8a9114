"""One module per feature, each exposing `router`; the app factory lists them."""
